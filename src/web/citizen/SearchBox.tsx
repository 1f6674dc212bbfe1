import { Button } from 'design-react-kit';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../ui/fields';
import { Icon } from '../ui/Icon';

interface SearchBoxProps {
  /** the words currently searched (the box follows it when the address changes) */
  value?: string;
  /** called with the trimmed words ('' = everything) */
  onSearch: (words: string) => void;
  /** accessible name of the search landmark */
  formLabel: string;
  /** the big box of the home page */
  large?: boolean;
  className?: string;
}

/** The service search form ("Cerca un servizio" + button), used by the home page and by every result list. */
export function SearchBox({ value = '', onSearch, formLabel, large = false, className }: SearchBoxProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text.trim());
  };

  return (
    <form role="search" aria-label={formLabel} onSubmit={onSubmit} className={className}>
      <div className="sp-search-row">
        <TextField
          className={`flex-grow-1 mb-0${large ? ' sp-big-search' : ''}`}
          type="search"
          name="q"
          label={t('search.label')}
          value={text}
          onValueChange={setText}
          autoComplete="off"
        />
        <Button type="submit" color="primary" size={large ? 'lg' : undefined} className="sp-search-submit">
          <Icon name="search" className="me-1" /> {t('search.submit')}
        </Button>
      </div>
    </form>
  );
}
