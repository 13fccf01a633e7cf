'use strict';
const q = new URLSearchParams(location.search);
document.getElementById('url').textContent = q.get('url') || '';
document.getElementById('reason').textContent = `${q.get('reason') || ''} ${q.get('text') || ''}`.trim();
document.getElementById('retry').onclick = () => { if (q.get('url')) location.href = q.get('url'); };
