/*
 * The explorer page's script (served by gateway/src/explorer.ts at /explorer/explorer.js; plain
 * browser JavaScript over the React and GraphiQL UMD builds, no bundler).
 *
 * Renders GraphiQL against /graphql. In development the "Act as" picker lists the development
 * issuer's demo workers and partner clients (GET /explorer/dev/identities); picking one gets a
 * token (POST /explorer/dev/token), writes `Authorization: Bearer …` into GraphiQL's headers
 * editor, and renews the token before it expires (at 80 % of its lifetime, at least a minute
 * early). Other headers the person typed are kept. Tokens are never stored in localStorage
 * (GraphiQL does not persist headers unless asked to).
 */
(function () {
  'use strict';
  var settings = JSON.parse(document.getElementById('explorer-settings').textContent);

  /** Tokens this page handed out ("Bearer …"): a tab still holding an old one gets the current one. */
  var issued = new Set();
  /** { label, authorization, expiresAt } of the identity acted as, or null (anonymous). */
  var current = null;
  /** The pending renewal (or retry) of the current identity's token. */
  var timer = null;
  /** The active tab's headers editor text, tracked through GraphiQL's onTabChange. */
  var headersText = '';
  /** GraphiQL's `headers` prop: each new value replaces the headers editor's content. */
  var headersProp;
  /** Each pick or renewal increments it, so a late answer for an older pick is dropped. */
  var generation = 0;

  /** Names of the operations a document defines (a light scan: enough to spot a stale operationName). */
  function operationNames(query) {
    var names = [];
    var pattern = /(?:^|[\s}])(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/g;
    var match;
    while ((match = pattern.exec(query.replace(/#[^\n]*/g, ''))) !== null) names.push(match[1]);
    return names;
  }

  var baseFetcher = GraphiQL.createFetcher({ url: '/graphql', headers: { 'apollo-require-preflight': 'true' } });
  function fetcher(params, options) {
    // GraphiQL updates the operation name a moment after an edit: a query pasted and run at once is
    // sent with the previous operation's name, which the gateway rightly refuses. With at most one
    // operation in the document, the name is not needed.
    if (params && params.operationName && typeof params.query === 'string') {
      var names = operationNames(params.query);
      if (names.indexOf(params.operationName) < 0 && names.length <= 1) params = Object.assign({}, params, { operationName: names[0] || null });
    }
    var headers = Object.assign({}, options && options.headers);
    Object.keys(headers).forEach(function (name) {
      if (name.toLowerCase() === 'authorization' && issued.has(headers[name]) && current) headers[name] = current.authorization;
    });
    return baseFetcher(params, Object.assign({}, options, { headers: headers }));
  }

  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  function render() {
    root.render(
      React.createElement(GraphiQL, {
        fetcher: fetcher,
        defaultQuery: settings.defaultQuery,
        headers: headersProp,
        defaultEditorToolsVisibility: settings.devIdentities ? 'headers' : true,
        onTabChange: function (state) {
          var tab = state.tabs[state.activeTabIndex];
          headersText = (tab && tab.headers) || '';
        },
      }),
    );
  }
  render();
  if (!settings.devIdentities) return;

  var select = document.getElementById('act-as');
  var status = document.getElementById('act-as-status');
  function say(text, state) {
    status.textContent = text;
    status.setAttribute('data-state', state || 'ok');
  }

  /** The headers editor's JSON with Authorization set to `value` (or removed); null when it is not a JSON object. */
  function withAuthorization(text, value) {
    var headers = {};
    if (text.trim() !== '') {
      try {
        headers = JSON.parse(text);
      } catch (error) {
        return null;
      }
      if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return null;
    }
    Object.keys(headers).forEach(function (name) {
      if (name.toLowerCase() === 'authorization') delete headers[name];
    });
    if (value) headers.Authorization = value;
    return Object.keys(headers).length === 0 ? '' : JSON.stringify(headers, null, 2);
  }

  function setHeader(value) {
    var next = withAuthorization(headersText, value);
    if (next === null) {
      say('The headers editor does not hold a JSON object: fix it, then pick again.', 'error');
      return false;
    }
    headersText = next;
    headersProp = next;
    render();
    return true;
  }

  function clock(time) {
    return new Date(time).toLocaleTimeString();
  }

  async function requestToken(key) {
    var separator = key.indexOf(':');
    var kind = key.slice(0, separator);
    var id = key.slice(separator + 1);
    var response = await fetch('/explorer/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(kind === 'worker' ? { workerId: id } : { clientId: id }),
    });
    var body = await response.json().catch(function () {
      return {};
    });
    if (!response.ok || typeof body.access_token !== 'string') throw new Error(body.message || body.error_description || body.error || 'HTTP ' + response.status);
    return body;
  }

  function stopRenewal() {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  async function actAs(key, label) {
    var mine = ++generation;
    stopRenewal();
    if (!key) {
      current = null;
      if (setHeader(null)) say('Anonymous: public data only.');
      return;
    }
    say('Getting a token for ' + label + '…', 'pending');
    var token;
    try {
      token = await requestToken(key);
    } catch (error) {
      if (mine !== generation) return;
      say('No token for ' + label + ': ' + error.message + ' — retrying in 10 s.', 'error');
      timer = setTimeout(function () { void actAs(key, label); }, 10000);
      return;
    }
    if (mine !== generation) return;
    var lifetime = Number(token.expires_in) > 0 ? Number(token.expires_in) : 900;
    var renewIn = Math.max(5, Math.min(lifetime * 0.8, lifetime - 60));
    var authorization = 'Bearer ' + token.access_token;
    issued.add(authorization);
    current = { label: label, authorization: authorization, expiresAt: Date.now() + lifetime * 1000 };
    timer = setTimeout(function () { void actAs(key, label); }, renewIn * 1000);
    if (!setHeader(authorization)) return;
    say('Acting as ' + label + ' — Authorization header set; token valid until ' + clock(current.expiresAt) + ', renewed at ' + clock(Date.now() + renewIn * 1000) + '.');
  }

  function option(value, text, title) {
    var element = document.createElement('option');
    element.value = value;
    element.textContent = text;
    if (title) element.title = title;
    return element;
  }

  fetch('/explorer/dev/identities')
    .then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    })
    .then(function (directory) {
      var workers = document.createElement('optgroup');
      workers.label = 'Demo workers (worker token)';
      directory.workers.forEach(function (worker) {
        workers.appendChild(option('worker:' + worker.id, worker.id + (worker.label ? ' — ' + worker.label : ''), worker.why));
      });
      var partners = document.createElement('optgroup');
      partners.label = 'Demo partners (client credentials)';
      directory.clients.forEach(function (client) {
        var scopes = (client.allowedScopes || []).join(' ') || 'public data only';
        partners.appendChild(option('client:' + client.clientId, client.clientId + ' — ' + scopes, client.description));
      });
      select.appendChild(workers);
      select.appendChild(partners);
      select.disabled = false;
      say('Anonymous: public data only. Pick a demo worker or partner to query personal data.');
    })
    .catch(function (error) {
      say('The development issuer does not answer (' + error.message + '): paste an Authorization header instead.', 'error');
    });

  select.addEventListener('change', function () {
    var picked = select.options[select.selectedIndex];
    void actAs(select.value, picked ? picked.textContent : '');
  });
})();
