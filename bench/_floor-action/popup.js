// The floor of "toolbar click → capture answered": ask the tab (activeTab) for its title and URL
// with one injected function, store the answer where the bench waits for it. Nothing else.
(async () => {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  const [r] = await chrome.scripting.executeScript({
    target: { tabId: tab.id },
    func: () => ({ title: document.title, url: location.href }),
  });
  await chrome.storage.session.set({ [`capture:${tab.id}`]: r.result });
  document.getElementById('out').textContent = r.result.title;
})();
