// Case YARA page: while scans are queued or running (a table with data-refresh="SECONDS"), reload to show progress.
(function () {
    'use strict';
    var table = document.querySelector('[data-refresh]');
    if (!table) {
        return;
    }
    var seconds = parseInt(table.getAttribute('data-refresh'), 10) || 3;
    window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
})();
