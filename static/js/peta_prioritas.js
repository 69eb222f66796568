// Map of the priority list: each lokasi coloured by its prioritas (1–9). The colours live in
// static/css/prioritas.css (class prioritas-N), shared with the legend and the table. The
// GeoJSON comes in the data-geojson attribute of #data-peta (no inline script: the CSP is
// 'self'), and is redrawn when htmx swaps the list after a filter change.
(function () {
  "use strict";

  function bacaData(id) {
    var el = document.getElementById(id);
    if (!el || !el.dataset.geojson) return null;
    try { return JSON.parse(el.dataset.geojson); } catch (e) { return null; }
  }

  function kelas(f) {
    var p = (f.properties || {}).prioritas;
    return "fitur-prioritas prioritas-" + p;
  }

  function buatPeta(wadah) {
    var peta = L.map(wadah, { scrollWheelZoom: false }).setView([-2.5, 118], 5);
    var tile = wadah.dataset.tile;
    if (tile) {
      // Offline the tiles simply fail to load; the shapes and markers still show.
      L.tileLayer(tile, {
        maxZoom: 19,
        attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
      }).addTo(peta);
    }
    var lapisan = L.geoJSON(null, {
      // className is read when the shape is first drawn, so it is set here, not later.
      style: function (f) { return { className: kelas(f), weight: 1.5, fillOpacity: 0.75 }; },
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, { radius: 8, className: kelas(f), weight: 1.5, fillOpacity: 0.95 });
      },
      onEachFeature: function (f, layer) {
        var p = f.properties || {};
        var isi = document.createElement("div");
        var a = document.createElement("a");
        a.href = "/lokasi/" + p.id + "/";
        a.textContent = p.nama;
        isi.appendChild(a);
        isi.appendChild(document.createElement("br"));
        isi.appendChild(document.createTextNode("No. " + p.nomor + " · " + p.label));
        layer.bindPopup(isi);
        layer.bindTooltip(p.nama + " (" + p.label + ")");
      }
    }).addTo(peta);
    wadah.dataset.siap = "1";
    return { peta: peta, lapisan: lapisan };
  }

  function isi(obj, data) {
    obj.lapisan.clearLayers();
    if (!data) return;
    // Draw the least urgent first, so prioritas 1 lies on top where shapes overlap.
    var fitur = (data.features || []).slice().sort(function (a, b) {
      return b.properties.prioritas - a.properties.prioritas;
    });
    obj.lapisan.addData({ type: "FeatureCollection", features: fitur });
    var batas = obj.lapisan.getBounds();
    if (batas.isValid()) obj.peta.fitBounds(batas, { maxZoom: 17, padding: [20, 20] });
    obj.peta.getContainer().dataset.jumlahFitur = String(obj.lapisan.getLayers().length);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var wadah = document.getElementById("peta");
    if (!wadah || typeof L === "undefined") return;
    var obj = buatPeta(wadah);
    isi(obj, bacaData(wadah.dataset.sumber));
    document.body.addEventListener("htmx:afterSettle", function () {
      isi(obj, bacaData(wadah.dataset.sumber));
    });
  });
})();
