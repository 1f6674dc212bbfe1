import { Button } from 'design-react-kit';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, CUSTOM_PERIOD, isDate, periodChoiceOf, type PeriodPresets } from './period';

/**
 * The period of a dashboard: a preset applies at once; a custom period when both dates are given and the button is
 * pressed. Texts come from `<textKey>.{legend,<preset>,personalizzato,from,to,apply,bothDates,reversed,tooLong}`;
 * field ids start with `idPrefix`.
 */
export function PeriodPicker({ idPrefix, textKey, config, search, onApply, from, to }: {
  idPrefix: string; textKey: string; config: PeriodPresets; search: URLSearchParams;
  onApply: (c: Record<string, string | undefined>) => void; from?: string; to?: string;
}) {
  const { t } = useTranslation();
  const current = periodChoiceOf(search, config);
  const [choice, setChoice] = useState(current);
  const [dates, setDates] = useState({ from: search.get('dal') ?? from ?? '', to: search.get('al') ?? to ?? '' });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setChoice(current), [current]);

  const pick = (c: string) => {
    setChoice(c);
    setError(null);
    if (c !== CUSTOM_PERIOD) onApply({ periodo: c === config.defaultPreset ? undefined : c, dal: undefined, al: undefined });
    else setDates((d) => ({ from: d.from || from || '', to: d.to || to || '' }));
  };
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (!isDate(dates.from) || !isDate(dates.to)) return setError(t(`${textKey}.bothDates`));
    if (dates.from > dates.to) return setError(t(`${textKey}.reversed`));
    if (config.maxDays && addDays(dates.from, config.maxDays - 1) < dates.to) return setError(t(`${textKey}.tooLong`));
    setError(null);
    onApply({ periodo: CUSTOM_PERIOD, dal: dates.from, al: dates.to });
  };
  const errorId = `${idPrefix}-period-error`;

  return (
    <form onSubmit={apply} noValidate>
      <fieldset>
        <legend className="sp-legend">{t(`${textKey}.legend`)}</legend>
        <div className="d-flex flex-wrap gap-3">
          {[...config.presets, CUSTOM_PERIOD].map((p) => (
            <div className="form-check form-check-inline mb-0" key={p}>
              <input className="form-check-input" type="radio" name={`${idPrefix}-period`} id={`${idPrefix}-period-${p}`} checked={choice === p} onChange={() => pick(p)} />
              <label className="form-check-label" htmlFor={`${idPrefix}-period-${p}`}>{t(`${textKey}.${p}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      {choice === CUSTOM_PERIOD && (
        <div className="row g-3 align-items-start mt-2">
          {(['from', 'to'] as const).map((k) => (
            <div className="col-12 col-sm-6 col-md-3" key={k}>
              {/* the kit lifts the label above the field: room for it */}
              <div className="form-group mt-3 mb-2">
                <label htmlFor={`${idPrefix}-${k}`} className="active">{t(`${textKey}.${k}`)}</label>
                <input id={`${idPrefix}-${k}`} type="date" className="form-control" value={dates[k]}
                  min={k === 'to' ? dates.from || undefined : undefined} max={k === 'from' ? dates.to || undefined : undefined}
                  aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined}
                  onChange={(e) => setDates({ ...dates, [k]: e.target.value })} />
              </div>
            </div>
          ))}
          <div className="col-12 col-md-3 align-self-end">
            <Button type="submit" color="primary" size="sm">{t(`${textKey}.apply`)}</Button>
          </div>
          {error && <p id={errorId} className="col-12 text-danger mb-0" role="alert">{error}</p>}
        </div>
      )}
    </form>
  );
}
