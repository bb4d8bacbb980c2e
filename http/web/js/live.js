// Live vacancy over the WebSocket GET /api/vacancy/live. watchVacancy()
// subscribes to facilities, catching up from `since` (the log position the
// screen's data was read at), and calls onChange(msg) for each date whose
// vacancy changed; per facility and date only a message with a higher
// position than the last one counts (catch-up messages may arrive after newer
// live ones). It reconnects after a drop, from the highest position seen.

export function watchVacancy(facilityIds, since, onChange, { onStatus } = {}) {
  const seen = new Map();   // "facility|date" -> position
  let high = Number(since || 0);
  let ws = null;
  let stopped = false;
  let retry = 500;
  let timer = null;

  function connect() {
    if (stopped) return;
    const url = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/api/vacancy/live`;
    try {
      ws = new WebSocket(url);
    } catch {
      schedule();
      return;
    }
    ws.addEventListener("open", () => {
      retry = 500;
      const msg = { subscribe: facilityIds };
      if (high > 0) msg.since = high;
      ws.send(JSON.stringify(msg));
    });
    ws.addEventListener("message", (ev) => {
      let msg;
      try { msg = JSON.parse(ev.data); } catch { return; }
      if (msg.type === "subscribed") {
        if (onStatus) onStatus("live");
        return;
      }
      if (msg.type !== "vacancy") return;
      const key = `${msg.facilityId}|${msg.date}`;
      const pos = Number(msg.position || 0);
      if ((seen.get(key) || 0) >= pos && pos !== 0) return;
      seen.set(key, pos);
      if (pos > high) high = pos;
      onChange(msg);
    });
    ws.addEventListener("close", () => {
      if (onStatus) onStatus("offline");
      schedule();
    });
    ws.addEventListener("error", () => { /* close follows */ });
  }

  function schedule() {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(connect, retry);
    retry = Math.min(retry * 2, 15000);
  }

  connect();
  return function stop() {
    stopped = true;
    clearTimeout(timer);
    if (ws && ws.readyState <= 1) ws.close(1000);
  };
}
