/** Editable list of planned activity periods: kind, dates and, for part-time or short contracts, the working-time share. */
import { ACTIVITY_KIND } from '../format';
import type { ActivityKind } from '../gql/graphql';

export interface PeriodDraft {
  key: number;
  kind: ActivityKind;
  start: string;
  end: string;
  /** Share of the legal working time as typed ("0.4"); empty when not relevant. */
  ratio: string;
}

const KINDS = Object.keys(ACTIVITY_KIND) as ActivityKind[];

export function ActivityEditor({ periods, onChange }: { periods: PeriodDraft[]; onChange: (periods: PeriodDraft[]) => void }) {
  const update = (key: number, patch: Partial<PeriodDraft>) => onChange(periods.map((item) => (item.key === key ? { ...item, ...patch } : item)));
  const add = () => {
    const last = periods[periods.length - 1];
    const year = last ? Number(last.end.slice(0, 4)) + 1 : new Date().getFullYear();
    onChange([...periods, { key: Math.max(0, ...periods.map((item) => item.key)) + 1, kind: 'FULL_TIME', start: `${year}-01-01`, end: `${year}-12-31`, ratio: '' }]);
  };
  return (
    <fieldset className="fr-fieldset" aria-labelledby="periods-legend">
      <legend className="fr-fieldset__legend" id="periods-legend">
        Mes périodes d'activité prévues
      </legend>
      {periods.map((period, index) => {
        const id = `period-${period.key}`;
        const needsRatio = period.kind === 'PART_TIME' || period.kind === 'FIXED_TERM';
        return (
          <div className="fr-fieldset__element mon-cpa-period" key={period.key} role="group" aria-label={`Période ${index + 1}`}>
            <div className="fr-select-group">
              <label className="fr-label" htmlFor={`${id}-kind`}>
                Période {index + 1} : activité
              </label>
              <select className="fr-select" id={`${id}-kind`} value={period.kind} onChange={(event) => update(period.key, { kind: event.target.value as ActivityKind })}>
                {KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {ACTIVITY_KIND[kind]}
                  </option>
                ))}
              </select>
            </div>
            <div className="fr-input-group">
              <label className="fr-label" htmlFor={`${id}-start`}>
                Du
              </label>
              <input className="fr-input" type="date" id={`${id}-start`} value={period.start} required onChange={(event) => update(period.key, { start: event.target.value })} />
            </div>
            <div className="fr-input-group">
              <label className="fr-label" htmlFor={`${id}-end`}>
                Au
              </label>
              <input className="fr-input" type="date" id={`${id}-end`} value={period.end} required onChange={(event) => update(period.key, { end: event.target.value })} />
            </div>
            <div className="fr-input-group">
              <label className="fr-label" htmlFor={`${id}-ratio`}>
                Temps de travail
                <span className="fr-hint-text">Part du temps légal, de 0,1 à 1</span>
              </label>
              <input
                className="fr-input"
                type="number"
                id={`${id}-ratio`}
                min="0.05"
                max="1"
                step="0.05"
                disabled={!needsRatio}
                required={period.kind === 'PART_TIME'}
                value={needsRatio ? period.ratio : ''}
                onChange={(event) => update(period.key, { ratio: event.target.value })}
              />
            </div>
            <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" onClick={() => onChange(periods.filter((item) => item.key !== period.key))} disabled={periods.length === 1}>
              Retirer la période {index + 1}
            </button>
          </div>
        );
      })}
      <div className="fr-fieldset__element">
        <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={add}>
          Ajouter une période
        </button>
      </div>
    </fieldset>
  );
}
