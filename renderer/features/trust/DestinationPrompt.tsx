import type { DestinationAsk } from '../../../shared/contract/trust';
import { Dialog } from '../../components/Dialog';

interface DestinationPromptProps {
  ask: DestinationAsk;
  onSendAnyway(): void;
  onClose(): void;
}

/**
 * Main refused a send whose signature would go elsewhere than its signed host: the user's one
 * chance to say yes for this request and this destination. Cancel has the focus, so Enter sends nothing.
 */
export function DestinationPrompt({ ask, onSendAnyway, onClose }: DestinationPromptProps) {
  return (
    <Dialog title="Send the signature to another host?" onClose={onClose}>
      <p>
        Signed for <strong>{ask.signedFor}</strong>, will be sent to <strong>{ask.sentTo}</strong> ({ask.reasons.join(', ')}).
      </p>
      <p>
        Whoever receives it can replay the signature against {ask.signedFor} with your identity until it expires. Shomei
        asks once for this request and this destination.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onSendAnyway}>
          Send anyway
        </button>
      </div>
    </Dialog>
  );
}
