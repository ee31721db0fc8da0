// A request started from a button (or any control): busy while it runs, its outcome said.

import { failureMessage } from "./live.js";
import { errorMessage } from "./render.js";

/**
 * Run `request` for `control`, which is disabled and marked busy (so redraws leave it alone)
 * until the answer comes. `report(message)` hears a refusal or a failure in words, or null
 * when the request succeeded; `after()` runs last, whatever happened (pages redraw there);
 * `enabled()` says whether the control may be used again. Resolves with the ack, or null when
 * none came.
 */
export async function runBusy(
  control,
  request,
  { report = () => {}, after = () => {}, enabled = () => true } = {},
) {
  control.disabled = true;
  control.dataset.busy = "1";
  try {
    const ack = await request();
    report(ack.ok ? null : errorMessage(ack.error), ack);
    return ack;
  } catch (failure) {
    report(failureMessage(failure), null);
    return null;
  } finally {
    delete control.dataset.busy;
    control.disabled = !enabled();
    after();
  }
}
