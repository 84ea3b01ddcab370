import { useEffect, useState } from 'react';
import type { StoreNotice } from '../../../shared/contract/collections-channels';
import { invoke } from '../../api/client';

/** Tells the user, once, that a data file could not be read and where it was moved. */
export function StoreNotices() {
  const [notices, setNotices] = useState<StoreNotice[]>([]);
  useEffect(() => {
    void invoke('collections:notices', {}).then((result) => {
      if (result.ok) setNotices(result.value);
    });
  }, []);
  if (notices.length === 0) return null;
  return (
    <div role="alert" className="store-notice">
      {notices.map((notice) => (
        <p key={notice.movedTo}>
          Shomei could not read its {notice.store} file ({notice.reason}). The file was kept as {notice.movedTo} and
          Shomei started with an empty {notice.store}.
        </p>
      ))}
      <button type="button" onClick={() => setNotices([])}>
        Dismiss
      </button>
    </div>
  );
}
