import type { AwsErrorExplanation } from '../../../shared/aws/explain-aws-error';

/** AWS's refusal in plain words: the cause, what to do, and — when AWS said what it expected — the diff. */
export function AwsErrorPanel({ explanation }: { explanation: AwsErrorExplanation }) {
  const skew = explanation.clockSkewSeconds;
  return (
    <div className="aws-error" role="note" aria-label="What AWS said" data-testid="aws-error">
      <p>
        <strong>{explanation.title}</strong> <span className="error-code">{explanation.code}</span>
      </p>
      <p>{explanation.cause}</p>
      {skew !== undefined && (
        <p data-testid="clock-skew">
          This computer&apos;s clock is {Math.round(Math.abs(skew) / 60)} minute
          {Math.round(Math.abs(skew) / 60) === 1 ? '' : 's'} ({Math.abs(Math.round(skew))} s){' '}
          {skew > 0 ? 'ahead of' : 'behind'} AWS&apos;s.
        </p>
      )}
      {explanation.nextSteps.length > 0 && (
        <ul>
          {explanation.nextSteps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ul>
      )}
      {explanation.diff && (
        <>
          <p data-testid="aws-error-culprit">
            <strong>What differs:</strong> {explanation.diff.culprit}
          </p>
          <pre className="code diff" aria-label={`Diff of the ${explanation.diff.of.replace('-', ' ')}`}>
            {explanation.diff.lines.map((line, index) => (
              <span key={index} className={`diff-${line.kind}`}>
                {line.kind === 'same' ? '  ' : line.kind === 'ours' ? '- ' : '+ '}
                {line.text}
                {'\n'}
              </span>
            ))}
          </pre>
          {/* The legend explains the − and + lines: with none (identical), it would explain nothing. */}
          {explanation.diff.lines.some((line) => line.kind !== 'same') && (
            <p className="hint" data-testid="diff-legend">
              “-” is what Shomei signed, “+” what AWS expected.
            </p>
          )}
        </>
      )}
    </div>
  );
}
