import { Link } from 'react-router';

/** The product mark: an index bar in a rounded square (no external assets). */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden focusable="false">
      <rect width="32" height="32" rx="7" fill="#1f6feb" />
      <rect x="7" y="17" width="4" height="8" rx="1" fill="#fff" />
      <rect x="14" y="12" width="4" height="13" rx="1" fill="#fff" />
      <rect x="21" y="7" width="4" height="18" rx="1" fill="#ffd666" />
    </svg>
  );
}

export function Brand({ collapsed, provinceName }: { collapsed: boolean; provinceName: string }) {
  return (
    <Link to="/" className="pi-brand" aria-label={`ParIndex — ${provinceName}`}>
      <BrandMark />
      {!collapsed && (
        <span className="pi-brand-text">
          <span className="pi-brand-name">ParIndex</span>
          <span className="pi-brand-sub">{provinceName}</span>
        </span>
      )}
    </Link>
  );
}
