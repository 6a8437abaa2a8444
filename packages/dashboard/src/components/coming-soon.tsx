/** A page whose API is still being built: a clear note instead of an empty screen. */
import { PageHeader } from './page-header';

export function ComingSoon({ title, feature, what }: { title: string; feature: string; what: string }) {
  return (
    <>
      <PageHeader title={title} />
      <div className="card">
        <p>
          <strong>Coming with {feature}.</strong> {what}
        </p>
        <p className="muted">This page appears here as soon as the server offers it.</p>
      </div>
    </>
  );
}
