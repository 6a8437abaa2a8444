/** One headline number with its label and a line of context. */
import type { ReactNode } from 'react';

export function Stat({ label, value, detail }: { label: string; value: ReactNode; detail?: ReactNode }) {
  return (
    <div className="stat">
      <p className="label">{label}</p>
      <p className="value">{value}</p>
      {detail !== undefined && <p className="detail">{detail}</p>}
    </div>
  );
}
