/**
 * First Ctrl-C (or SIGTERM) asks a long operation to stop at its next checkpoint; a second one exits at once.
 * Returns a function that removes the handlers.
 */
export function onInterrupt(stopGracefully: () => void): () => void {
  let interrupted = false;
  const handler = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(signal === 'SIGINT' ? 130 : 143);
    interrupted = true;
    stopGracefully();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
