// The counters page. Every value is set as text (textContent), never parsed as HTML.
'use strict';
(() => {
  const $ = id => document.getElementById(id);
  const ROOT = 'genserver.supervisor.root';

  function cell(tag, text) {
    const c = document.createElement(tag);
    c.textContent = text;
    return c;
  }

  // ---- counters: a server-sent-event stream, reopened when it goes quiet -----------------------
  let source = null;
  let lastEvent = 0;
  function connect() {
    if (source) source.close();
    source = new EventSource('/dashboard/stream');
    source.addEventListener('counters', e => {
      lastEvent = Date.now();
      $('stream').className = 'live';
      $('stream').textContent = 'live';
      const rows = Object.entries(JSON.parse(e.data)).map(([k, v]) => {
        const tr = document.createElement('tr');
        tr.append(cell('th', k), cell('td', v));
        return tr;
      });
      document.querySelector('#counters tbody').replaceChildren(...rows);
    });
    source.addEventListener('error', () => {
      $('stream').className = 'down';
      $('stream').textContent = 'reconnecting';
    });
  }
  // The browser reconnects a closed stream by itself; a stream that stays open but silent (no
  // counters for 5 s) is reopened here.
  setInterval(() => { if (Date.now() - lastEvent > 5000) connect(); }, 5000);
  lastEvent = Date.now();
  connect();

  // ---- servers and their crash buttons ----------------------------------------------------------
  async function refreshServers() {
    let servers;
    try {
      servers = await (await fetch('/servers')).json();
    } catch (e) {
      return;
    }
    const rows = servers.map(s => {
      const tr = document.createElement('tr');
      const button = document.createElement('button');
      button.textContent = 'crash';
      button.addEventListener('click', () => crash(s.name));
      const action = document.createElement('td');
      action.append(button);
      tr.append(cell('td', s.name), cell('td', s.status), cell('td', s.restarts), cell('td', s.messagesHandled), action);
      return tr;
    });
    document.querySelector('#servers tbody').replaceChildren(...rows);
  }
  async function crash(name) {
    if (name === ROOT && !confirm('Crash the root supervisor? Every server stops, and the shop follows '
        + 'genserver.on-give-up (here keep-running: readiness DOWN, requests answer 503) until you restart '
        + 'the root from the Observer or restart the application.')) return;
    if (name !== ROOT && name.startsWith('genserver.supervisor.')
        && !confirm('Crash the supervisor ' + name + '? Its parent restarts it with all its children.')) return;
    const r = await fetch('/servers/' + encodeURIComponent(name) + '/crash', { method: 'POST' });
    $('message').textContent = r.ok ? 'crashed ' + name : 'crash ' + name + ': ' + r.status;
    setTimeout(refreshServers, 300);
  }
  refreshServers();
  setInterval(refreshServers, 2000);
})();
