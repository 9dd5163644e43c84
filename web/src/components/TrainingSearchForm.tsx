/** The training search form; submits the criteria as typed (the screen turns them into a filter). */
import { useState, type FormEvent } from 'react';
import { MODALITY } from '../format';
import type { Modality } from '../gql/graphql';

export interface TrainingSearch {
  keywords: string;
  formacode: string;
  communeCode: string;
  radiusKm: string;
  startAfter: string;
  modality: Modality | '';
  cpfOnly: boolean;
}

const EMPTY: TrainingSearch = { keywords: 'informatique', formacode: '', communeCode: '', radiusKm: '30', startAfter: '', modality: '', cpfOnly: true };

function Field(props: { id: string; label: string; hint?: string; children: React.ReactNode }) {
  return (
    <div className="fr-col-12 fr-col-md-4">
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={props.id}>
          {props.label}
          {props.hint && <span className="fr-hint-text">{props.hint}</span>}
        </label>
        {props.children}
      </div>
    </div>
  );
}

export function TrainingSearchForm({ onSearch }: { onSearch: (search: TrainingSearch) => void }) {
  const [form, setForm] = useState<TrainingSearch>(EMPTY);
  const set = (patch: Partial<TrainingSearch>) => setForm((value) => ({ ...value, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(form);
  };
  return (
    <form onSubmit={submit} aria-label="Recherche de formations">
      <div className="fr-grid-row fr-grid-row--gutters">
        <Field id="keywords" label="Mots-clés" hint="Dans l'intitulé et l'objectif">
          <input className="fr-input" id="keywords" value={form.keywords} onChange={(event) => set({ keywords: event.target.value })} />
        </Field>
        <Field id="formacode" label="Formacode" hint="5 chiffres, par exemple 31054">
          <input className="fr-input" id="formacode" inputMode="numeric" pattern="[0-9]{5}" value={form.formacode} onChange={(event) => set({ formacode: event.target.value })} />
        </Field>
        <Field id="startAfter" label="Début à partir du">
          <input className="fr-input" id="startAfter" type="date" value={form.startAfter} onChange={(event) => set({ startAfter: event.target.value })} />
        </Field>
        <Field id="commune" label="Commune" hint="Code INSEE, par exemple 33063 pour Bordeaux">
          <input className="fr-input" id="commune" pattern="[0-9AB]{5}" value={form.communeCode} onChange={(event) => set({ communeCode: event.target.value })} />
        </Field>
        <div className="fr-col-12 fr-col-md-4">
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="radius">
              Rayon autour de la commune
            </label>
            <select className="fr-select" id="radius" value={form.radiusKm} onChange={(event) => set({ radiusKm: event.target.value })}>
              {['10', '30', '50', '100', '200'].map((km) => (
                <option key={km} value={km}>
                  {km} km
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="modality">
              Modalité
            </label>
            <select className="fr-select" id="modality" value={form.modality} onChange={(event) => set({ modality: event.target.value as Modality | '' })}>
              <option value="">Toutes</option>
              {Object.entries(MODALITY).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      <div className="fr-checkbox-group fr-my-2w">
        <input type="checkbox" id="cpfOnly" checked={form.cpfOnly} onChange={(event) => set({ cpfOnly: event.target.checked })} />
        <label className="fr-label" htmlFor="cpfOnly">
          Seulement les formations finançables par le CPF
        </label>
      </div>
      <button type="submit" className="fr-btn">
        Rechercher
      </button>
    </form>
  );
}
