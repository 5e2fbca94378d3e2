import type { Hono } from 'hono';
import { audioStream, wavAudio } from '../../api/2010-04-01/recordings/audio.ts';
import { TwilioError } from '../../errors/twilio-error.ts';
import { DELETED, listRecordings, type Recording } from '../../storage/repositories/recordings.ts';
import { signedIn, type BrowserEnv } from '../browser-env.ts';
import { formatTime } from '../format.ts';
import { requireSignIn } from '../session/require-sign-in.ts';
import { readDayRange } from './day-range.ts';
import { listFamily } from './family.ts';
import type { Filter } from './filter-form.tsx';
import { LogPage } from './log-page.tsx';
import { readLogScope } from './log-scope.ts';

const RecordingRow = ({ recording }: { recording: Recording }) => (
  <tr>
    <td class="nowrap small">{formatTime(recording.date_created)}</td>
    <td><a class="row-link" href={`/console/calls/${recording.call_sid}`}>{recording.call_sid}</a></td>
    <td class="nowrap">{recording.duration} s</td>
    <td>
      <audio controls preload="none" src={`/console/recordings/${recording.sid}/audio.wav`} aria-label={`Recording ${recording.sid}, ${recording.duration} seconds`}></audio>
    </td>
    <td class="nowrap">{recording.price ?? '—'}</td>
  </tr>
);

/** The Recordings log with a player each; the audio is the API's, served to the signed-in owner. */
export function mountRecordingsLog(app: Hono<BrowserEnv>): void {
  app.get('/console/recordings', requireSignIn, async (c) => {
    const scope = await readLogScope(c);
    const { param } = scope;
    const accountSid = scope.chosen.account.sid;
    const created = readDayRange('Created', param('created_from'), param('created_to'));
    const page = await listRecordings(c.var.deps.db, accountSid, { callSid: param('call'), created, includeDeleted: false }, scope.page);
    const filters: Filter[] = [
      { name: 'call', label: 'Call SID', type: 'text', value: param('call'), placeholder: 'CA…' },
      { name: 'created_from', label: 'Created on or after', type: 'date', value: param('created_from') },
      { name: 'created_to', label: 'Created on or before', type: 'date', value: param('created_to') },
    ];
    return c.html(
      <LogPage
        signedIn={signedIn(c)} section="recordings" title="Recordings" intro="Recordings of the account's calls, newest first. Play one here, or open its call."
        url={scope.url} family={scope.family} chosen={scope.chosen} filters={filters} page={page}
        empty={{ title: 'No recordings yet', unfiltered: <p>Record a call with <code>Record=true</code> when you create it, or the <code>&lt;Record&gt;</code> verb in its TwiML.</p> }}
      >
        <thead><tr><th>Created</th><th>Call</th><th>Duration</th><th>Listen</th><th>Price</th></tr></thead>
        <tbody>{page.rows.map((recording) => <RecordingRow recording={recording} />)}</tbody>
      </LogPage>,
    );
  });

  app.get('/console/recordings/:sid/audio.wav', requireSignIn, async (c) => {
    const { db } = c.var.deps;
    const family = new Set((await listFamily(db, signedIn(c).account)).map((m) => m.account.sid));
    const recording = await db.selectFrom('recordings').selectAll().where('sid', '=', c.req.param('sid')).executeTakeFirst();
    if (!recording || recording.status === DELETED || !family.has(recording.account_sid)) throw TwilioError.of('notFound', 'There is no such recording in your accounts.');
    const audio = wavAudio(recording.duration);
    return new Response(audioStream(audio), { headers: { 'content-type': 'audio/x-wav', 'content-length': String(audio.length) } });
  });
}
