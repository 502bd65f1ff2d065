import { Input } from 'antd';
import { useEffect, useRef, useState } from 'react';

/**
 * A search box that asks the server once typing pauses (or on Enter). `value` is the applied search (from the
 * URL); when it changes from outside (Back, "clear filters"), the box follows.
 */
export function SearchBox({
  value,
  onSearch,
  label,
  placeholder,
  className,
  delay = 350,
}: {
  value: string;
  onSearch: (q: string) => void;
  label: string;
  placeholder?: string;
  className?: string;
  delay?: number;
}) {
  const [text, setText] = useState(value);
  const latest = useRef(onSearch);
  useEffect(() => {
    latest.current = onSearch;
  });
  const applied = useRef(value);

  useEffect(() => {
    applied.current = value;
    setText((current) => (current.trim() === value ? current : value));
  }, [value]);

  useEffect(() => {
    const q = text.trim();
    if (q === applied.current) return;
    const id = setTimeout(() => {
      applied.current = q;
      latest.current(q);
    }, delay);
    return () => clearTimeout(id);
  }, [text, delay]);

  return (
    <Input.Search
      aria-label={label}
      placeholder={placeholder}
      allowClear
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(v) => {
        const q = v.trim();
        applied.current = q;
        latest.current(q);
      }}
      maxLength={200}
      className={className}
    />
  );
}
