/**
 * "Mon plan de transition": `me.transitions(to:)` from the occupation I seek at France Travail to
 * the one I chose — the skills to acquire, the certifications, the trainings near me ranked (each
 * at its next session, funded from my CPF as projected to that date, with the remaining cost),
 * offers and companies hiring. Three requests on one plan (same question, so Apollo merges them
 * by plan id), each within the subgraphs' cost limits, so one operator down blanks only its part.
 */
import { useState, type FormEvent } from 'react';
import { TRANSITION_ORDER } from '../../format';
import type { PlaceInput, TransitionOrder } from '../../gql/graphql';
import { PLAN_PATHS } from './plan-question';
import { TransitionMarket, TransitionSkills } from './TransitionOverview';
import { TransitionPaths } from './TransitionPaths';

interface PlanQuestion {
  near: PlaceInput | null;
  orderBy: TransitionOrder;
}

const ORDERS = Object.keys(TRANSITION_ORDER) as TransitionOrder[];

function PlanForm({ onChange }: { onChange: (question: PlanQuestion) => void }) {
  const [department, setDepartment] = useState('');
  const [orderBy, setOrderBy] = useState<TransitionOrder>('REMAINING_COST');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const code = department.trim().toUpperCase();
    onChange({ near: code ? { departmentCode: code } : null, orderBy });
  };
  return (
    <form onSubmit={submit} className="fr-mb-3w mon-cpa-inline-form" aria-label="Options du plan de transition">
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="plan-department">
          Département des formations
          <span className="fr-hint-text">Vide : à 30 km de ma commune</span>
        </label>
        <input className="fr-input" id="plan-department" value={department} onChange={(event) => setDepartment(event.target.value)} />
      </div>
      <div className="fr-select-group">
        <label className="fr-label" htmlFor="plan-order">
          Classer par
        </label>
        <select className="fr-select" id="plan-order" value={orderBy} onChange={(event) => setOrderBy(event.target.value as TransitionOrder)}>
          {ORDERS.map((order) => (
            <option key={order} value={order}>
              {TRANSITION_ORDER[order]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="fr-btn fr-btn--secondary">
        Recalculer mon plan
      </button>
    </form>
  );
}

export function TransitionPlan({ to }: { to: string }) {
  const [question, setQuestion] = useState<PlanQuestion>({ near: null, orderBy: 'REMAINING_COST' });
  const variables = { to, near: question.near, orderBy: question.orderBy, first: PLAN_PATHS };
  return (
    <section aria-labelledby="plan-title" className="fr-mb-4w">
      <h2 id="plan-title" className="fr-h3">
        Mon plan de transition
      </h2>
      <PlanForm onChange={setQuestion} />
      <TransitionSkills variables={variables} />
      <TransitionPaths variables={variables} />
      <TransitionMarket variables={variables} />
    </section>
  );
}
