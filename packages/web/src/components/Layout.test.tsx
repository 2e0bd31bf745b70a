import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../test/fake-api.js';
import { renderApp } from '../test/render-app.js';

describe('Layout', () => {
  it('cycles the theme system -> light -> dark -> system, remembered across visits', async () => {
    localStorage.clear();
    renderApp('/', createFakeApi());
    fireEvent.click(await screen.findByRole('button', { name: /Theme: system/ }));
    expect(document.documentElement.dataset.theme).toBe('light');
    fireEvent.click(screen.getByRole('button', { name: /Theme: light/ }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem('ember-viewer-theme')).toBe('dark');
    fireEvent.click(screen.getByRole('button', { name: /Theme: dark/ }));
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(localStorage.getItem('ember-viewer-theme')).toBeNull();
  });

  it('has a skip link to the main content', async () => {
    renderApp('/', createFakeApi());
    fireEvent.click(await screen.findByRole('link', { name: 'Skip to content' }));
    expect(document.activeElement?.id).toBe('main');
  });
});
