import type { ConnectApp } from '../../storage/repositories/connect-apps.ts';

/** The app's logo, or its initial on a grey tile when it has none (apps made through the API or CLI). */
export const AppLogo = ({ app, hasLogo, large = false }: { app: Pick<ConnectApp, 'sid' | 'friendly_name' | 'date_updated'>; hasLogo: boolean; large?: boolean }) =>
  hasLogo ? (
    <img class={`logo${large ? ' large' : ''}`} src={`/logos/${app.sid}?v=${app.date_updated}`} alt={`${app.friendly_name} logo`} />
  ) : (
    <span class={`logo logo-placeholder${large ? ' large' : ''}`} aria-hidden="true">{[...app.friendly_name][0]?.toUpperCase() ?? '?'}</span>
  );
