// The import page follows its job by polling it; served as a file so the page policy allows no inline script.
(function () {
  var panel = document.getElementById('import-panel');
  function set(id, value) { document.getElementById(id).textContent = value; }
  function refresh() {
    fetch(panel.dataset.url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (job) {
        ['rows', 'created', 'updated', 'unchanged', 'skipped'].forEach(function (id) { set(id, job[id]); });
        set('error-count', job.errorCount);
        set('percent', job.percent);
        document.getElementById('import-bar').value = job.percent;
        if (job.status === 'RUNNING') {
          setTimeout(refresh, 1000);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { setTimeout(refresh, 5000); });
  }
  if (panel.dataset.status === 'RUNNING') { setTimeout(refresh, 1000); }
})();
