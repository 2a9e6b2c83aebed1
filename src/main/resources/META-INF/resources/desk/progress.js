// The progress page follows its send by polling the counters; served as a file so the page policy allows no inline script.
(function () {
  var panel = document.getElementById('progress-panel');
  var ids = ['recipients', 'sent', 'deferred', 'failed', 'pending', 'skipped', 'bounced', 'complaints'];
  function set(id, value) { document.getElementById(id).textContent = value; }
  function refresh() {
    fetch(panel.dataset.url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (view) {
        var p = view.progress;
        var percent = p.recipients === 0 ? 0 : Math.floor((p.sent + p.failed + p.skipped) * 100 / p.recipients);
        ids.forEach(function (id) { set(id, p[id]); });
        set('rate', p.perMinute);
        var rate = p.sent === 0 ? 0 : p.complaints / p.sent;
        set('complaint-rate', (rate * 100).toFixed(2) + ' %');
        document.getElementById('complaint-rate').className = 'level-' + (rate > 0.003 ? 'alarm' : rate > 0.001 ? 'warning' : 'ok');
        document.getElementById('complaint-warning').hidden = rate <= 0.001;
        set('eta', view.eta || '–');
        set('percent', percent);
        set('status', view.status.toLowerCase());
        document.getElementById('progress-bar').value = percent;
        var body = document.querySelector('#failures tbody');
        body.replaceChildren();
        view.failures.forEach(function (f) {
          var tr = document.createElement('tr');
          [f.email, f.attempts, f.reason || ''].forEach(function (v) { var td = document.createElement('td'); td.textContent = v; tr.appendChild(td); });
          body.appendChild(tr);
        });
        document.getElementById('failures').hidden = view.failures.length === 0;
        document.getElementById('no-failures').hidden = view.failures.length > 0;
        if (view.status === 'SENT') {
          set('live-summary', 'Sending finished: ' + p.sent + ' sent, ' + p.failed + ' failed.');
        } else {
          setTimeout(refresh, 1500);
        }
      })
      .catch(function () { setTimeout(refresh, 5000); });
  }
  if (panel.dataset.status !== 'SENT') { setTimeout(refresh, 1000); }
})();
