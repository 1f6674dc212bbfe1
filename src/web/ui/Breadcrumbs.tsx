import { Breadcrumb, BreadcrumbItem } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export interface Crumb {
  label: string;
  to?: string;
}

/** design-react-kit breadcrumb; earlier items are router links, the last item is the current page. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const { t } = useTranslation();
  return (
    <Breadcrumb aria-label={t('breadcrumb.label')} listClassName="p-0">
      {items.map((item, index) => {
        const last = index === items.length - 1;
        return (
          <BreadcrumbItem key={`${index}-${item.label}`} active={last}>
            {item.to && !last ? <Link to={item.to}>{item.label}</Link> : item.label}
            {!last && (
              <span className="separator" aria-hidden="true">
                /
              </span>
            )}
          </BreadcrumbItem>
        );
      })}
    </Breadcrumb>
  );
}
