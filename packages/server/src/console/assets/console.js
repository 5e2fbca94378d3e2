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
