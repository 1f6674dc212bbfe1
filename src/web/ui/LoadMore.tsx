import { Button } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from './status';

/** What LoadMore needs of a TanStack infinite query. */
export interface PagedList {
  isFetchNextPageError: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * The end of a paged list: the failure of the last page with a retry, and the "load more" button while there are
 * more pages. onMore runs before the next page is asked for, so the page can note where the new items start (and
 * move the focus to the first of them when they arrive).
 */
export function LoadMore({ list, label, onMore, className = 'sp-more' }: { list: PagedList; label: string; onMore?: () => void; className?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {list.isFetchNextPageError && <ErrorMessage error={list.error} retry={() => void list.fetchNextPage()} />}
      {list.hasNextPage && (
        <p className={className}>
          <Button
            type="button"
            color="primary"
            outline
            disabled={list.isFetchingNextPage}
            onClick={() => {
              onMore?.();
              void list.fetchNextPage();
            }}
          >
            {list.isFetchingNextPage ? t('common.loading') : label}
          </Button>
        </p>
      )}
    </>
  );
}
