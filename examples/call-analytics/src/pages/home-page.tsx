import { AppPage } from './layout.tsx';

/** What the app does, for visitors; the Connect button lives behind the log-in (best practice 1). */
export const HomePage = () => (
  <AppPage title="Analytics for your calls">
    <section class="hero">
      <div>
        <p class="eyebrow">For Switchboard and Twilio accounts</p>
        <h1>See how your phone lines are really doing.</h1>
        <p class="lead">
          Call Analytics reads your call logs and turns them into the numbers that matter: calls per day, answer rate,
          talk time, your busiest numbers and who calls most.
        </p>
        <p class="actions">
          <a class="button large" href="/signup">Create a free account</a>
          <a class="button secondary large" href="/login">Log in</a>
        </p>
      </div>
      <ul class="hero-points">
        <li><strong>Read-only.</strong> The app asks only for “Read all account data”: it never makes calls or sends messages.</li>
        <li><strong>You stay in control.</strong> Revoke access any time in the Switchboard Console, under Authorized Apps.</li>
        <li><strong>No surprise bills.</strong> Switchboard bills your account directly for any usage by the apps you connect; reading logs costs nothing.</li>
      </ul>
    </section>
  </AppPage>
);
