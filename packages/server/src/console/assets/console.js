// Copy buttons: <button data-copy="element-id">. Everything else in the Console works without JavaScript.
document.addEventListener('click', async (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-copy]') : null;
  if (!button) return;
  const source = document.getElementById(button.getAttribute('data-copy'));
  if (!source) return;
  const text = 'value' in source ? source.value : source.textContent;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    if ('select' in source) source.select();
    document.execCommand('copy');
  }
  const status = button.parentElement && button.parentElement.querySelector('.copy-status');
  if (status) {
    status.textContent = 'Copied';
    setTimeout(() => { status.textContent = ''; }, 2000);
  }
});

// The phone: <section data-thread="….json"> is redrawn from its JSON every second while the page is open.
function drawLines(list, lines) {
  list.replaceChildren(...(lines.length === 0 ? [Object.assign(document.createElement('li'), { className: 'muted', textContent: list.dataset.empty })] : lines.map((line) => {
    const item = document.createElement('li');
    item.className = `line ${line.who}`;
    const when = Object.assign(document.createElement('span'), { className: 'muted small', textContent: line.at });
    const text = line.href ? Object.assign(document.createElement('a'), { href: line.href, textContent: line.text }) : document.createTextNode(line.text);
    item.append(when, ' ', text);
    return item;
  })));
}

const thread = document.querySelector('[data-thread]');
if (thread) {
  const refresh = async () => {
    try {
      const response = await fetch(thread.dataset.thread, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (response.ok) {
        const data = await response.json();
        document.getElementById('thread-status').textContent = data.status;
        drawLines(document.getElementById('thread-conversation'), data.conversation);
        drawLines(document.getElementById('thread-requests'), data.requests);
      }
    } finally {
      setTimeout(refresh, 1000);
    }
  };
  setTimeout(refresh, 1000);
}
