import { PageHeading } from '../components/PageHeading'

export function ComingSoonPage({ title, summary }: { title: string; summary: string }) {
  return (
    <div className="page">
      <PageHeading>{title}</PageHeading>
      <section className="card empty-state">
        <p className="empty-state-title">Coming soon</p>
        <p>{summary}</p>
      </section>
    </div>
  )
}
