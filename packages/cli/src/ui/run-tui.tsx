// Start the terminal UI on a real terminal: alternate screen (the user's scrollback is left as it was), raw
// keys, and one sentence instead of a stack trace if a screen ever throws.
import { Component, type ReactNode } from 'react';
import { render, Text } from 'ink';
import { describeError } from '@ember-archive/core';
import { App } from './app.js';
import { ExplorerProvider, type Explorer } from './data.js';

const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';

class OneSentenceErrors extends Component<{ children: ReactNode }, { message: string | null }> {
  override state = { message: null as string | null };
  static getDerivedStateFromError(error: unknown) {
    return { message: describeError(error) };
  }
  override render() {
    if (this.state.message !== null) return <Text color="red">✖ {this.state.message} (press q to quit)</Text>;
    return this.props.children;
  }
}

/** Show the UI on `stdout` until the user quits. */
export async function runTui(explorer: Explorer, initialTarget: string | undefined, streams: { stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream }): Promise<void> {
  streams.stdout.write(ENTER_ALTERNATE_SCREEN);
  // However the process ends (an uncaught failure, a signal), give the user their screen back.
  const leave = () => streams.stdout.write(LEAVE_ALTERNATE_SCREEN);
  process.once('exit', leave);
  try {
    const instance = render(
      <OneSentenceErrors>
        <ExplorerProvider value={explorer}>
          <App {...(initialTarget !== undefined ? { initialTarget } : {})} />
        </ExplorerProvider>
      </OneSentenceErrors>,
      { stdout: streams.stdout, stdin: streams.stdin, exitOnCtrlC: true, patchConsole: true },
    );
    await instance.waitUntilExit();
  } finally {
    process.off('exit', leave);
    leave();
  }
}
