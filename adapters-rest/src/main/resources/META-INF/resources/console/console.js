// The browser console: connects noVNC to this service's proxy with the token from the URL. The proxy answers
// PVE's VNC challenge itself, so the page needs no password and the PVE ticket never reaches the browser.
const status = document.getElementById('status');
const screen = document.getElementById('screen');
const cad = document.getElementById('cad');

function state(name, text) {
    document.body.dataset.state = name;
    status.textContent = text;
}

async function main() {
    const params = new URLSearchParams(location.search);
    const token = params.get('token');
    const hostId = params.get('hostId');
    // the token must not linger in the address bar, the history or a Referer
    history.replaceState(null, '', location.pathname);
    if (!token || !hostId) {
        state('failed', 'This page needs a console link (getVnc) to open a console.');
        return;
    }
    let RFB;
    try {
        RFB = (await import('./novnc/core/rfb.js')).default;
    } catch (e) {
        state('failed', 'The noVNC client is missing from this build.');
        const help = document.createElement('pre');
        help.textContent = 'This service was built without npm, so the noVNC assets (@novnc/novnc, pinned by\n'
            + 'adapters-rest/src/main/console/package-lock.json) are not inside it. Rebuild with npm on the PATH\n'
            + '(./mvnw -B package), or use any noVNC client with the WebSocket URL\n'
            + location.origin + location.pathname.replace(/[^/]*$/, '') + 'websockify?hostId=…&token=…\n'
            + 'See the README, "Browser console".';
        screen.appendChild(help);
        return;
    }
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const base = location.pathname.replace(/[^/]*$/, '');
    const url = scheme + '//' + location.host + base + 'websockify?hostId=' + encodeURIComponent(hostId)
        + '&token=' + encodeURIComponent(token);
    state('connecting', 'Connecting…');
    const rfb = new RFB(screen, url, { shared: true });
    rfb.scaleViewport = true;
    rfb.addEventListener('connect', () => {
        state('connected', 'Connected');
        cad.disabled = false;
    });
    let connected = false;
    rfb.addEventListener('connect', () => { connected = true; });
    rfb.addEventListener('disconnect', (e) => {
        cad.disabled = true;
        if (!connected) {
            // the proxy refuses with close code 1008 and the legacy code, which noVNC does not pass on
            state('failed', 'The console could not be opened: the link may be invalid, used or expired, or the '
                + 'VM not running. Request a new link.');
        } else {
            state('disconnected', e.detail.clean ? 'Disconnected (closed, idle, or replaced by a newer console).'
                : 'The connection was lost.');
        }
    });
    rfb.addEventListener('securityfailure', (e) => state('failed', 'Refused: ' + (e.detail.reason || e.detail.status)));
    cad.addEventListener('click', () => rfb.sendCtrlAltDel());
}

main();
