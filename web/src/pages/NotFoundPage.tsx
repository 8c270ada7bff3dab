import { PageHeading } from '../components/PageHeading'
import { Link } from '../router'

export function NotFoundPage() {
  return (
    <div className="page">
      <PageHeading>Page not found</PageHeading>
      <p className="page-lead">
        There is nothing at this address. <Link to="/">Go to the home page</Link>
      </p>
    </div>
  )
}
