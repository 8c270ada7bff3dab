import type { ReactNode } from 'react'
import type { Me } from '../../api'
import { Link } from '../../router'
import { settingsFor } from './settingsNav'

/** The settings area: its own left navigation (what the role may open) beside the open screen. */
export function SettingsLayout({ me, path, children }: { me: Me; path: string; children: ReactNode }) {
  const items = settingsFor(me.role)
  const groups = [...new Set(items.map((i) => i.group))]
  return (
    <div className="settings">
      <nav className="settings-nav" aria-label="Settings">
        {groups.map((group) => (
          <div key={group} className="settings-nav-group">
            <p className="settings-nav-title">{group}</p>
            <ul>
              {items
                .filter((i) => i.group === group)
                .map((item) => (
                  <li key={item.to}>
                    <Link to={item.to} aria-current={path === item.to ? 'page' : undefined}>
                      {item.label}
                    </Link>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </nav>
      <div className="settings-main">{children}</div>
    </div>
  )
}
