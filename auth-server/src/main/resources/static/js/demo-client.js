// Demo public client: authorization code + PKCE S256 (RFC 7636), state and iss checks (RFC 9207),
// then a call to the resource server with the access token. No secrets: it is a public client.
(function () {
  'use strict';
  const cfg = document.body.dataset;

  function base64url(bytes) {
    let binary = '';
    bytes.forEach((b) => { binary += String.fromCharCode(b); });
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomString() {
    const bytes = new Uint8Array(32);
    crypto.getRandomValues(bytes);
    return base64url(bytes);
  }

  async function s256(verifier) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    return base64url(new Uint8Array(digest));
  }

  function decodeSegment(segment) {
    const padded = segment.replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(padded))));
  }

  async function startLogin() {
    const verifier = randomString();
    const state = randomString();
    sessionStorage.setItem('ua-demo-verifier', verifier);
    sessionStorage.setItem('ua-demo-state', state);
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: cfg.clientId,
      redirect_uri: cfg.redirectUri,
      scope: cfg.scope,
      state: state,
      code_challenge: await s256(verifier),
      code_challenge_method: 'S256'
    });
    window.location.assign(cfg.issuer + '/oauth2/authorize?' + params.toString());
  }

  async function finishLogin() {
    const status = document.getElementById('status');
    const query = new URLSearchParams(window.location.search);
    if (query.get('error')) {
      status.textContent = 'The authorization server answered: ' + query.get('error') + ' ' + (query.get('error_description') || '');
      return;
    }
    if (query.get('state') !== sessionStorage.getItem('ua-demo-state')) {
      status.textContent = 'State mismatch: this response was not for this browser session.';
      return;
    }
    if (query.get('iss') !== cfg.issuer) {
      status.textContent = 'Issuer mismatch (RFC 9207): expected ' + cfg.issuer + ', got ' + query.get('iss');
      return;
    }
    const response = await fetch(cfg.issuer + '/oauth2/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: query.get('code'),
        redirect_uri: cfg.redirectUri,
        client_id: cfg.clientId,
        code_verifier: sessionStorage.getItem('ua-demo-verifier')
      })
    });
    const body = await response.json();
    sessionStorage.removeItem('ua-demo-verifier');
    sessionStorage.removeItem('ua-demo-state');
    if (!response.ok) {
      status.textContent = 'Token request failed: ' + body.error + ' ' + (body.error_description || '');
      return;
    }
    const parts = body.access_token.split('.');
    status.textContent = 'Signed in. The access token below was issued by ' + cfg.issuer + '.';
    document.getElementById('granted-scope').textContent = body.scope || '';
    document.getElementById('access-token').textContent = body.access_token;
    document.getElementById('access-token-claims').textContent =
      JSON.stringify({ header: decodeSegment(parts[0]), claims: decodeSegment(parts[1]) }, null, 2);
    document.getElementById('result').hidden = false;
    document.getElementById('call-api').addEventListener('click', async () => {
      const out = document.getElementById('api-result');
      try {
        const api = await fetch(cfg.resourceServer + '/api/documents', {
          headers: { Authorization: 'Bearer ' + body.access_token }
        });
        out.textContent = 'HTTP ' + api.status + '\n' + await api.text();
      } catch (e) {
        out.textContent = 'Could not reach ' + cfg.resourceServer + ': ' + e;
      }
    });
  }

  const start = document.getElementById('start-login');
  if (start) {
    start.addEventListener('click', startLogin);
  } else {
    finishLogin();
  }
})();
