/** Text where `backticks` mark a command or key name, shown as code. */
export function RichText({ text }: { text: string }) {
  return (
    <>
      {text.split(/`([^`]+)`/).map((part, index) => (index % 2 ? <code>{part}</code> : part))}
    </>
  );
}
