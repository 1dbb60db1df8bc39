// Placeholder viewer: lists the OGC API collections until the OpenLayers viewer (its own issue) replaces this page.
const body = document.querySelector('#collections tbody');
let lang = 'zh';

async function load() {
  const response = await fetch('ogcapi/collections');
  const { collections } = await response.json();
  for (const c of collections) {
    const items = await (await fetch(`ogcapi/collections/${c.id}/items?limit=1`)).json();
    const illustrative = items.features.some(f => f.properties.illustrative === true);
    const row = body.insertRow();
    const link = document.createElement('a');
    link.href = `ogcapi/collections/${c.id}/items`;
    link.textContent = c.title;
    row.insertCell().append(link);
    if (illustrative) {
      const mark = document.createElement('span');
      mark.className = 'schematic';
      mark.textContent = '示意';
      row.cells[0].append(mark);
    }
    row.insertCell().textContent = c.description;
    row.insertCell().textContent = items.numberMatched;
  }
}

document.querySelector('#lang').addEventListener('click', (event) => {
  lang = lang === 'zh' ? 'en' : 'zh';
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const el of document.querySelectorAll('[data-zh]')) el.textContent = el.dataset[lang];
  event.target.textContent = lang === 'zh' ? 'English' : '中文';
});

load();
