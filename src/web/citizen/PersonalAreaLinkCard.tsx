/**
 * One way into a part of the personal area: an icon, the part's name as a link, a line on what is there. Small on
 * purpose: the personal area's chunk carries the cards, the pages load on demand.
 */
import type { ReactNode } from 'react';
import { Icon as KitIcon } from 'design-react-kit';
import { Link } from 'react-router';
import './messages/messages.css';

export function PersonalAreaLinkCard({ icon, to, id, title, children }: { icon: string; to: string; id: string; title: string; children: ReactNode }) {
  return (
    <section className="sp-pa-link-card" aria-labelledby={id}>
      <KitIcon icon={icon} className="sp-icon" focusable="false" aria-hidden="true" />
      <div>
        <h2 className="h4 mb-0">
          <Link to={to} id={id}>
            {title}
          </Link>
        </h2>
        {children}
      </div>
    </section>
  );
}
