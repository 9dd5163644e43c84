/**
 * Bar chart of the projected CPF balance per year, with the ceiling as a dashed line. Plain SVG
 * (no chart library: a dozen bars do not need one); the table beside it carries the same figures.
 */
import { formatMoney } from '../format';

interface Year {
  year: number;
  balance: { cents: number };
  ceilingReached: boolean;
}

const WIDTH = 720;
const HEIGHT = 280;
const PAD = { top: 24, right: 16, bottom: 36, left: 72 };

export function ProjectionChart({ years, ceilingCents }: { years: readonly Year[]; ceilingCents: number }) {
  const max = Math.max(ceilingCents, ...years.map((item) => item.balance.cents)) * 1.1 || 1;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const band = plotWidth / Math.max(years.length, 1);
  const y = (cents: number) => PAD.top + plotHeight - (cents / max) * plotHeight;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => Math.round((max * share) / 100_00) * 100_00);
  const last = years[years.length - 1];
  return (
    <figure className="fr-mb-3w mon-cpa-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="chart-title chart-desc" width="100%">
        <title id="chart-title">Solde projeté du CPF par année</title>
        <desc id="chart-desc">
          {last ? `De ${years[0]?.year} à ${last.year}, le solde atteint ${formatMoney(last.balance)} ; plafond ${formatMoney({ cents: ceilingCents })}.` : 'Aucune année.'}
        </desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#dddddd" />
            <text x={PAD.left - 8} y={y(tick) + 4} textAnchor="end" fontSize="12" fill="#3a3a3a">
              {formatMoney({ cents: tick }).replace(/,00/, '')}
            </text>
          </g>
        ))}
        {years.map((item, index) => {
          const x = PAD.left + index * band + band * 0.15;
          return (
            <g key={item.year}>
              <rect x={x} width={band * 0.7} y={y(item.balance.cents)} height={PAD.top + plotHeight - y(item.balance.cents)} fill={item.ceilingReached ? '#6a6af4' : '#000091'} />
              <text x={x + band * 0.35} y={HEIGHT - PAD.bottom + 18} textAnchor="middle" fontSize="12" fill="#3a3a3a">
                {item.year}
              </text>
            </g>
          );
        })}
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(ceilingCents)} y2={y(ceilingCents)} stroke="#ce0500" strokeWidth="2" strokeDasharray="6 4" />
        <text x={WIDTH - PAD.right} y={y(ceilingCents) - 6} textAnchor="end" fontSize="12" fill="#ce0500">
          Plafond {formatMoney({ cents: ceilingCents })}
        </text>
      </svg>
      <figcaption className="fr-text--sm">Barres claires : années où le plafond a limité le crédit.</figcaption>
    </figure>
  );
}
