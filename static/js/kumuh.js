// Small behaviours shared by every page (no inline handlers: the CSP allows only 'self').
(function () {
  "use strict";
  // Forms that destroy something ask first.
  document.addEventListener("submit", function (e) {
    var pesan = e.target.dataset && e.target.dataset.konfirmasi;
    if (pesan && !window.confirm(pesan)) e.preventDefault();
  });
})();
