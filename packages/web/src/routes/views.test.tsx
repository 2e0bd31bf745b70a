// The views rendered whole (router, layout, view) against the fake API: what a person sees and where links lead.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiHttpError } from '../api/errors.js';
import { createFakeApi, DANDISET, MARKUP_NAME, POSE_FILE } from '../test/fake-api.js';
import { renderApp, searchOf } from '../test/render-app.js';

describe('Home', () => {
  it('shows projects and dandisets side by side and filters them from the URL', async () => {
    const { router } = renderApp('/', createFakeApi());
    const dandisets = await screen.findByRole('region', { name: 'Dandisets' });
    expect(within(dandisets).getByText('Mouse feeding (synthetic)')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Projects (bucket)' })).getByText('other')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Search projects and dandisets'), { target: { value: 'feeding' } });
    await waitFor(() => expect(searchOf(router)).toEqual({ q: 'feeding' }));
    expect(screen.getByText('No project matches.')).toBeTruthy();
  });

  it('says what went wrong when the archive cannot be listed', async () => {
    const api = createFakeApi({
      list: async () => {
        throw new ApiHttpError('The archive at http://x/api did not answer.', 502, '/v1/list');
      },
    });
    renderApp('/', api);
    expect((await screen.findByRole('alert')).textContent).toContain('The archive at http://x/api did not answer.');
  });
});

describe('Browser', () => {
  it('opens a deep link with breadcrumbs and renders markup in names as text', async () => {
    renderApp(`/browse?id=${encodeURIComponent(`${DANDISET}/sub-01`)}`, createFakeApi());
    expect(await screen.findByText(MARKUP_NAME)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    const crumbs = screen.getByRole('navigation', { name: 'Breadcrumbs' });
    expect(within(crumbs).getByRole('link', { name: '000463@draft' }).getAttribute('href')).toContain('/browse?id=');
    const file = screen.getByRole('link', { name: /sub-01_ses-1_behavior\.nwb/ });
    expect(decodeURIComponent(file.getAttribute('href') ?? '')).toContain(`/file?id=${POSE_FILE}`);
  });

  it('sorts by size from a button, into the URL', async () => {
    const { router } = renderApp(`/browse?id=${encodeURIComponent(`${DANDISET}/sub-01`)}`, createFakeApi());
    await screen.findByText(MARKUP_NAME);
    fireEvent.click(screen.getByRole('button', { name: /size/ }));
    await waitFor(() => expect(searchOf(router)).toMatchObject({ sort: 'size' }));
    const names = screen
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.textContent ?? '');
    expect(names[0]).toContain(MARKUP_NAME);
    fireEvent.click(screen.getByRole('button', { name: /size/ }));
    await waitFor(() => expect(searchOf(router)).toMatchObject({ sort: 'size', desc: true }));
  });

  it('shows the API error of a missing folder', async () => {
    renderApp('/browse?id=s3%3A%2F%2Fnowhere%2F', createFakeApi());
    expect((await screen.findByRole('alert')).textContent).toContain('Nothing is at s3://nowhere/.');
  });
});

describe('File', () => {
  it('shows digests, safe links out, the NWB summary and the way to the Pose view', async () => {
    renderApp(`/file?id=${encodeURIComponent(POSE_FILE)}`, createFakeApi());
    expect(await screen.findByText('ab'.repeat(32))).toBeTruthy();
    expect(screen.getByText('dandi:OpenAccess')).toBeTruthy();
    expect(screen.getByText('1111-2222')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open in the DANDI web browser' }).getAttribute('href')).toMatch(/^https:/);
    expect(screen.getByRole('link', { name: 'Open in Neurosift' })).toBeTruthy();
    // The fake's download link is a javascript: URL: it must not become a link.
    expect(screen.queryByRole('link', { name: 'Download' })).toBeNull();
    expect(await screen.findByText('Synthetic feeding session')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open the Pose view' })).toBeTruthy();
  });
});

describe('File of another kind', () => {
  it('says quietly that a non-NWB file has no summary, and alerts on real failures', async () => {
    const notNwb = createFakeApi({
      nwb: async () => {
        throw new ApiHttpError('x_pose_est_v5.h5 is not an NWB file.', 422, '/v1/nwb');
      },
    });
    renderApp(`/file?id=${encodeURIComponent('s3://ember-open-data/other/x_pose_est_v5.h5')}`, notNwb);
    expect(await screen.findByText('No NWB summary: x_pose_est_v5.h5 is not an NWB file.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    // The JABS name alone offers the Pose view.
    expect(screen.getByRole('link', { name: 'Open the Pose view' })).toBeTruthy();
  });
});

describe('Pose', () => {
  it('draws the window, toggles keypoints and zooms through the URL', async () => {
    const api = createFakeApi();
    const { router } = renderApp(`/pose?id=${encodeURIComponent(POSE_FILE)}`, api);
    expect(await screen.findByText('Metrics of the window')).toBeTruthy();
    expect(screen.getByText(/frames 0–299 of 300/)).toBeTruthy();
    expect(screen.getByTestId('chart-x')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Export CSV of this window' }).getAttribute('href')).toContain(
      'start=0&end=300',
    );

    fireEvent.click(screen.getByRole('checkbox', { name: 'nose' }));
    await waitFor(() => expect(searchOf(router)).toMatchObject({ keypoints: ['tail_base'] }));
    expect(screen.getAllByRole('row').some((row) => row.textContent?.startsWith('nose'))).toBe(false);

    // The threshold slider re-masks at once and asks the API (metrics) once, on release.
    const slider = screen.getByRole('slider', { name: /Confidence threshold/ });
    const poseCalls = () => api.calls.filter((c) => c.method === 'pose').length;
    const before = poseCalls();
    fireEvent.change(slider, { target: { value: '0.7' } });
    fireEvent.change(slider, { target: { value: '0.8' } });
    expect(screen.getByText('Confidence threshold 0.80')).toBeTruthy();
    expect(searchOf(router).threshold).toBeUndefined();
    fireEvent.keyUp(slider, { key: 'ArrowRight' });
    await waitFor(() => expect(searchOf(router)).toMatchObject({ threshold: 0.8 }));
    await waitFor(() => expect(api.calls.at(-1)?.request).toMatchObject({ threshold: 0.8 }));
    expect(poseCalls()).toBe(before + 1);

    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    await waitFor(() => expect(searchOf(router)).toMatchObject({ start: 75, end: 225 }));
    await waitFor(() => expect(api.calls.at(-1)?.request).toMatchObject({ start: 75, end: 225 }));
    expect(await screen.findByText(/frames 75–224 of 300/)).toBeTruthy();
  });

  it('opens a deep link at a frame and threshold, and steps frames', async () => {
    const api = createFakeApi();
    const { router } = renderApp(
      `/pose?id=${encodeURIComponent(POSE_FILE)}&start=10&end=40&frame=20&threshold=0.3`,
      api,
    );
    expect(await screen.findByText('Skeleton at frame 20')).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'pose')?.request).toMatchObject({ start: 10, end: 40, threshold: 0.3 });
    fireEvent.click(screen.getByRole('button', { name: 'Next frame' }));
    await waitFor(() => expect(searchOf(router)).toMatchObject({ frame: 21 }));
    // The keyboard map: "]" pans later by half the window (the frame follows into it), "." steps a frame.
    fireEvent.keyDown(screen.getByRole('button', { name: 'Zoom in' }), { key: ']' });
    await waitFor(() => expect(searchOf(router)).toMatchObject({ start: 25, end: 55 }));
    await waitFor(() => expect(searchOf(router)).toMatchObject({ frame: 25 }));
    fireEvent.keyDown(screen.getByRole('button', { name: 'Zoom in' }), { key: '.' });
    await waitFor(() => expect(searchOf(router)).toMatchObject({ frame: 26 }));
    // Typing in a form field is not a command.
    fireEvent.keyDown(screen.getByRole('slider', { name: 'Frame' }), { key: ']' });
    expect(searchOf(router)).toMatchObject({ start: 25, end: 55 });
  });
});
