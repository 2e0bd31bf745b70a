// The frame of every view: a skip link, the header with the theme switch, and the view below.
import { Link, Outlet } from '@tanstack/react-router';
import { useEffect, useState } from 'react';

type Theme = 'light' | 'dark' | 'system';
const THEME_KEY = 'ember-viewer-theme';

function storedTheme(): Theme {
  const value = typeof localStorage === 'undefined' ? null : localStorage.getItem(THEME_KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** The layout route's component. */
export function Layout() {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  useEffect(() => {
    if (theme === 'system') {
      delete document.documentElement.dataset.theme;
      localStorage.removeItem(THEME_KEY);
    } else {
      document.documentElement.dataset.theme = theme;
      localStorage.setItem(THEME_KEY, theme);
    }
  }, [theme]);
  const next: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };
  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          EMBER archive viewer
        </Link>
        <nav aria-label="Main">
          <Link to="/">Home</Link>
          <Link to="/browse">Browse</Link>
        </nav>
        <button
          type="button"
          onClick={() => setTheme(next[theme])}
          aria-label={`Theme: ${theme}. Switch to ${next[theme]}`}
        >
          {theme === 'dark' ? '☾' : theme === 'light' ? '☀' : '◐'} {theme}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
