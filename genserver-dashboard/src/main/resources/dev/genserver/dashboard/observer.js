// GenServer observer: reads the genservers endpoint and this endpoint's overview, and renders
// them with DOM methods only (every value is set as text: nothing from the server is parsed as
// HTML). Polls; on a failure it shows the connection as down and retries with a backoff.
'use strict';
(() => {
  const $ = id => document.getElementById(id);
  const view = {
    overview: null, report: null, rows: [], collapsed: new Set(), selected: null,
    sort: { key: 'name', dir: 1 }, timer: null, delay: 0, keyedNames: ''
  };

  // ---- DOM helpers: text only -------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (k === 'dataset') Object.assign(e.dataset, v);
      else e.setAttribute(k, String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }
  const replace = (node, ...children) => node.replaceChildren(...children.flat(Infinity).filter(c => c != null && c !== false));

  // ---- formatting ---------------------------------------------------------------------------
  function seconds(iso) {            // ISO-8601 duration (PT1H2M3.5S) to seconds
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso || '');
    return m ? (+m[1] || 0) * 3600 + (+m[2] || 0) * 60 + (+m[3] || 0) : null;
  }
  function duration(iso) {
    const s = seconds(iso);
    if (s === null) return iso ? String(iso) : '';
    if (s < 1) return Math.round(s * 1000) + ' ms';
    if (s < 60) return s.toFixed(1) + ' s';
    const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    return (d ? d + 'd ' : '') + (d || h ? h + 'h ' : '') + m + 'm ' + Math.floor(s % 60) + 's';
  }

  // ---- fetching -----------------------------------------------------------------------------
  function csrfHeaders() {
    const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return m ? { 'X-XSRF-TOKEN': decodeURIComponent(m[1]) } : {};
  }
  async function request(url, options) {
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), 10000);
    try {
      return await fetch(url, Object.assign({ signal: abort.signal, credentials: 'same-origin',
        headers: { Accept: 'application/json' } }, options || {}));
    } finally {
      clearTimeout(timeout);
    }
  }
  async function json(url) {
    const r = await request(url);
    if (!r.ok) throw new Error(url + ' answered ' + r.status);
    return r.json();
  }
  const files = document.querySelector('script[src$="observer.js"]').getAttribute('src').replace(/observer\.js$/, '');
  const processUrl = name => view.overview.genservers + '/' + encodeURIComponent(name);
  function instanceUrl(keyed, key) {
    return view.overview.genservers + '/' + encodeURIComponent(keyed) + '/' + encodeURIComponent(key);
  }

  // ---- the poll loop ------------------------------------------------------------------------
  async function poll() {
    clearTimeout(view.timer);
    try {
      view.overview = await json(files + 'overview');
      if (!view.overview.genservers) {
        problem('The genservers endpoint is not exposed: add it to management.endpoints.web.exposure.include.');
        view.report = null;
      } else {
        problem(null);
        view.report = await json(view.overview.genservers);
      }
      connected(true);
      render();
      await refreshDetail();
      view.delay = 0;
      view.timer = setTimeout(poll, Math.max(500, view.overview.interval));
    } catch (e) {
      view.delay = Math.min(view.delay ? view.delay * 2 : 1000, 15000);
      connected(false, view.delay);
      view.timer = setTimeout(poll, view.delay);
    }
  }
  function connected(live, retryIn) {
    const c = $('connection');
    c.className = 'connection ' + (live ? 'live' : 'down');
    c.textContent = live ? 'live' : 'disconnected, retrying in ' + Math.round(retryIn / 1000) + ' s';
  }
  function problem(text) {
    const p = $('problem');
    p.hidden = !text;
    p.textContent = text || '';
  }

  // ---- rendering ----------------------------------------------------------------------------
  function render() {
    renderSummary();
    renderCharts();
    const tree = view.report && view.report.tree;
    view.rows = [];
    if (tree) collect(tree);
    // a cluster's singletons and sharded servers run outside the tree: the singleton when it runs
    // here, and each sharded server with the number of its instances here
    ((view.report && view.report.placed) || []).forEach(p => view.rows.push(p.process
      || { name: p.name, type: p.placement + (p.placement === 'sharded' ? ': ' + p.instancesHere + ' here'
          : p.member ? ' on ' + p.member.slice(0, 8) : ''), status: p.instancesHere ? 'running' : 'elsewhere' }));
    renderTree(tree);
    renderKeyedChoice();
    renderTable();
  }
  function renderSummary() {
    const r = view.report;
    if (!r) { replace($('summary')); return; }
    replace($('summary'),
      el('span', { class: r.running ? 'status-running' : 'status-failed' }, r.running ? 'root running' : 'root not running'),
      ' · dead letters: ', el('span', { id: 'dead-letters' }, r.deadLetters),
      view.overview.health ? [' · health: ', el('span', { id: 'health' }, '…')] : null);
    if (view.overview.health) {
      json(view.overview.health).then(h => {
        const g = h.components && (h.components.genservers || h.components.genServers);
        $('health').textContent = h.status + (g ? ' (genservers ' + g.status + ')' : '');
      }, () => { const e = $('health'); if (e) e.textContent = 'unavailable'; });
    }
  }
  function collect(node) {
    view.rows.push(node);
    (node.children || []).forEach(collect);
  }
  function renderTree(tree) {
    if (!tree) {
      replace($('tree'), el('p', { class: 'muted' }, 'The supervision tree is not running.'));
      return;
    }
    replace($('tree'), el('div', { class: 'tree' }, el('ul', {}, treeNode(tree))));
  }
  function treeNode(p) {
    const kids = p.children || [];
    const open = !view.collapsed.has(p.name);
    const toggle = kids.length
      ? el('button', { class: 'toggle', 'aria-label': (open ? 'collapse ' : 'expand ') + p.name, 'aria-expanded': open,
          onclick: e => { e.stopPropagation(); open ? view.collapsed.add(p.name) : view.collapsed.delete(p.name); render(); } },
          open ? '▾' : '▸')
      : el('span', { class: 'toggle' }, '');
    const tags = [];
    if (p.type === 'supervisor') tags.push(p.strategy);
    if (p.type === 'keyed') tags.push('keyed: ' + p.alive + ' alive, ' + p.mailbox + ' queued');
    if (p.restarts) tags.push(p.restarts + ' restarts');
    const label = el('span', { class: 'node' + (view.selected && view.selected.name === p.name ? ' selected' : ''),
        dataset: { name: p.name }, tabindex: 0, onclick: () => select(p.name, null),
        onkeydown: e => { if (e.key === 'Enter') select(p.name, null); } },
      p.name, ' ', el('span', { class: 'status-' + p.status }, p.status),
      tags.map(t => el('span', { class: 'tag' }, t)));
    return el('li', {}, toggle, label, kids.length && open ? el('ul', {}, kids.map(treeNode)) : null);
  }
  function renderKeyedChoice() {
    const keyed = view.rows.filter(p => p.type === 'keyed').map(p => p.name);
    const names = keyed.join('\n');
    if (names === view.keyedNames) return;
    view.keyedNames = names;
    replace($('keyed'), keyed.map(n => el('option', { value: n }, n)));
    $('key-search').hidden = keyed.length === 0;
  }
  function sortValue(p, key) {
    switch (key) {
      case 'rate': return (view.overview.rates || {})[p.name] ?? -1;
      case 'uptime': return seconds(p.uptime) ?? -1;
      case 'mailbox': case 'restarts': case 'crashes': return p[key] ?? -1;
      default: return String(p[key] ?? '');
    }
  }
  function renderTable() {
    const filter = $('filter').value.trim().toLowerCase();
    const status = $('status-filter').value;
    const { key, dir } = view.sort;
    const rows = view.rows.filter(p => (!filter || p.name.toLowerCase().includes(filter)) && (!status || p.status === status))
      .sort((a, b) => { const x = sortValue(a, key), y = sortValue(b, key); return (x < y ? -1 : x > y ? 1 : 0) * dir; });
    document.querySelectorAll('#processes th[data-sort]').forEach(th => {
      th.classList.toggle('sorted-asc', th.dataset.sort === key && dir > 0);
      th.classList.toggle('sorted-desc', th.dataset.sort === key && dir < 0);
    });
    const rate = p => { const r = (view.overview.rates || {})[p.name]; return r === undefined ? '' : r; };
    replace(document.querySelector('#processes tbody'), rows.map(p =>
      el('tr', { dataset: { name: p.name }, class: view.selected && view.selected.name === p.name ? 'selected' : null,
          onclick: () => select(p.name, null) },
        el('td', {}, p.name), el('td', { title: p.member ? 'member ' + p.member : null },
          p.member ? p.placement + ' on ' + p.member.slice(0, 8) : p.type),
        el('td', { class: 'status-' + p.status }, p.status),
        el('td', { class: 'num' }, p.mailbox ?? ''), el('td', { class: 'num' }, rate(p)),
        el('td', { class: 'num restarts' }, p.restarts ?? ''), el('td', { class: 'num' }, p.crashes ?? ''),
        el('td', { class: 'num' }, duration(p.uptime)))));
  }

  // ---- charts -------------------------------------------------------------------------------
  const SVG = 'http://www.w3.org/2000/svg';
  function renderCharts() {
    const h = (view.overview && view.overview.history) || [];
    const last = h[h.length - 1];
    replace($('charts'),
      chart('messages/s', h.map(s => s.throughput), last && last.throughput),
      chart('messages waiting', h.map(s => s.mailbox), last && last.mailbox),
      chart('restarts per sample', h.map(s => s.restarts), last && last.totalRestarts + ' in all'));
  }
  function chart(title, values, now) {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 260 60');
    svg.setAttribute('preserveAspectRatio', 'none');
    if (values.length > 1) {
      const max = Math.max(1, ...values);
      const line = document.createElementNS(SVG, 'polyline');
      line.setAttribute('points', values.map((v, i) =>
        (i * 260 / (values.length - 1)).toFixed(1) + ',' + (58 - v * 56 / max).toFixed(1)).join(' '));
      svg.append(line);
    }
    return el('div', { class: 'chart' }, el('div', { class: 'title' }, title, ': ', now === undefined ? '–' : now), svg);
  }

  // ---- detail -------------------------------------------------------------------------------
  function select(name, key) {
    view.selected = { name, key };
    view.detailText = null;
    render();
    refreshDetail();
  }
  async function refreshDetail() {
    const s = view.selected;
    if (!s || !view.overview || !view.overview.genservers) return;
    let r;
    try {
      r = await request(s.key === null ? processUrl(s.name) : instanceUrl(s.name, s.key));
    } catch (e) {
      return;   // the poll loop reports the connection
    }
    if (view.selected !== s) return;
    if (r.status === 404) {
      replace($('detail'), el('p', { class: 'muted' }, s.key === null ? 'No process is named ' : 'No instance runs for the key ',
        el('code', {}, s.key === null ? s.name : s.key), '.'));
      return;
    }
    if (!r.ok) {
      replace($('detail'), el('p', { class: 'problem' }, 'The genservers endpoint answered ' + r.status + '.'));
      return;
    }
    const text = await r.text();
    if (view.selected !== s || (text === view.detailText && $('detail').dataset.name === s.name)) return;
    view.detailText = text;
    $('detail').dataset.name = s.name;
    renderDetail(JSON.parse(text), s);
  }
  function field(label, value) {
    return value === undefined || value === null || value === '' ? null : [el('dt', {}, label), el('dd', {}, value)];
  }
  function renderDetail(p, s) {
    const rows = [
      field('name', p.name), field('type', p.type), field('class', p.className),
      field('status', el('span', { class: 'status-' + p.status }, p.status)),
      field('supervisor', p.supervisor), field('restart', p.restart), field('strategy', p.strategy),
      field('restarts', p.restarts), field('crashes', p.crashes), field('mailbox', p.mailbox),
      field('messages handled', p.messagesHandled), field('messages/s', (view.overview.rates || {})[p.name]),
      field('dead letters', p.deadLetters), field('skipped calls', p.skippedCalls),
      field('alive instances', p.alive), field('passivated', p.passivated), field('idle timeout', p.idleTimeout),
      field('started', p.startedAt), field('uptime', duration(p.uptime)),
      field('hibernating', p.type === 'worker' ? String(p.hibernating) : null),
      field('current message', p.currentMessage ? p.currentMessage.type + ', for ' + duration(p.currentMessage.runningFor) : (p.type === 'worker' && p.status === 'running' ? 'idle' : null)),
    ];
    const crash = p.lastCrash ? el('div', {}, el('h3', {}, 'Last crash'), el('dl', {},
      field('time', p.lastCrash.time), field('reason', p.lastCrash.reason),
      field('exception', p.lastCrash.exceptionType), field('message', p.lastCrash.exceptionMessage),
      field('while handling', p.lastCrash.messageType))) : null;
    const state = 'state' in p ? el('div', {}, el('h3', {}, 'State'),
      el('pre', { id: 'state' }, typeof p.state === 'string' ? p.state : JSON.stringify(p.state, null, 2))) : null;
    const children = p.children ? el('p', {}, p.children.length + ' children') : null;
    replace($('detail'), el('dl', { id: 'detail-fields' }, rows), actions(p, s), crash, relations(p.relations), state,
      children);
  }
  // Links, monitors and pending timers of a running server, by name only (text, never markup).
  function relations(r) {
    if (!r) return null;
    const names = list => list.length ? list.join(', ') : 'none';
    const timers = r.timers.length
      ? r.timers.length + ': ' + r.timers.map(t => t.messageType + ' in ' + duration(t.remaining)).join(', ')
      : 'none';
    return el('div', {}, el('h3', {}, 'Links, monitors and timers'), el('dl', { id: 'relations' },
      field('links', names(r.links)), field('monitors', names(r.monitors)),
      field('monitored by', names(r.monitoredBy)), field('timers', timers)));
  }
  function actions(p, s) {
    if (!view.overview.actions) {
      return el('p', { class: 'muted' }, 'Actions are off: management.endpoint.genservers.access is read-only.');
    }
    const list = [];
    if (p.type === 'supervisor' || p.type === 'worker') list.push('restart');
    if (p.type === 'worker') list.push(p.status === 'suspended' ? 'resume' : 'suspend');
    if (!list.length) return el('p', { class: 'muted' }, 'Restart one instance (find it by key) or its supervisor ' + p.supervisor + '.');
    return el('div', { class: 'actions' }, list.map(a => el('button', { dataset: { action: a }, onclick: () => act(p, s, a) }, a)));
  }
  async function act(p, s, action) {
    if (p.type === 'supervisor') {
      const text = p.supervisor
        ? 'Restart the supervisor ' + p.name + ' and everything under it?'
        : 'Restart the root supervisor: every server of the application stops and starts again?';
      if (!await confirmed(text)) return;
    }
    try {
      const r = await request(s.key === null ? processUrl(s.name) : instanceUrl(s.name, s.key), {
        method: 'POST', body: JSON.stringify({ action }),
        headers: Object.assign({ 'Content-Type': 'application/json', Accept: 'application/json' }, csrfHeaders()) });
      if (r.ok) toast(action + ': ' + p.name, false);
      else {
        let why = 'answered ' + r.status;
        try { why = (await r.json()).error || why; } catch (ignored) { /* no body */ }
        toast(action + ' ' + p.name + ' refused: ' + why, true);
      }
    } catch (e) {
      toast(action + ' ' + p.name + ' failed: ' + e.message, true);
    }
    poll();
  }
  function confirmed(text) {
    const d = $('confirm');
    $('confirm-text').textContent = text;
    return new Promise(resolve => {
      d.addEventListener('close', () => resolve(d.returnValue === 'ok'), { once: true });
      d.returnValue = '';
      d.showModal();
    });
  }
  function toast(text, error) {
    const t = $('toast');
    t.textContent = text;
    t.className = error ? 'error' : '';
    t.hidden = false;
    clearTimeout(view.toastTimer);
    view.toastTimer = setTimeout(() => { t.hidden = true; }, 5000);
  }

  // ---- controls -----------------------------------------------------------------------------
  $('filter').addEventListener('input', renderTable);
  $('status-filter').addEventListener('change', renderTable);
  document.querySelectorAll('#processes th[data-sort]').forEach(th => th.addEventListener('click', () => {
    view.sort = { key: th.dataset.sort, dir: view.sort.key === th.dataset.sort ? -view.sort.dir : 1 };
    renderTable();
  }));
  $('key-search').addEventListener('submit', e => {
    e.preventDefault();
    const key = $('key').value;
    if ($('keyed').value && key) select($('keyed').value, key);
  });
  poll();
})();
