// Present so the bench can reach this extension's storage (its service worker) and wait on it.
