import { useLayoutEffect, useRef, type InputHTMLAttributes } from 'react';
import { splitReferences } from '../../shared/variables/references';
import { referenceMark, type DescribeReference } from './reference-look';

type VariableInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'className' | 'title'> & {
  value: string;
  /** Classes of the field (the wrapper), which also gives the input its font. */
  className?: string | undefined;
  /** Marks `{{references}}` resolved or not; without it the input is plain. */
  describeReference?: DescribeReference | undefined;
};

/**
 * A text input whose `{{references}}` are marked. An input cannot style part of its text, so a
 * mirror of the text sits behind the transparent input, with the same font, padding and scroll
 * position; only its marks are visible. The input's own tooltip lists what each reference means.
 */
export function VariableInput({ value, className, describeReference, ...inputProps }: VariableInputProps) {
  const input = useRef<HTMLInputElement>(null);
  const mirror = useRef<HTMLSpanElement>(null);
  const pieces = describeReference && value.includes('{{') ? splitReferences(value) : [];
  const marks = describeReference
    ? pieces.map((piece) => (piece.name === undefined ? undefined : referenceMark(piece.name, describeReference)))
    : [];
  const titles = [...new Set(marks.flatMap((mark) => (mark ? [mark.title] : [])))];
  const hasMarks = titles.length > 0;
  const followScroll = () => {
    if (mirror.current && input.current) mirror.current.scrollLeft = input.current.scrollLeft;
  };
  // The text or its marks changed: the input may have scrolled to keep the caret in view.
  useLayoutEffect(followScroll);
  return (
    <span className={className ? `var-field ${className}` : 'var-field'}>
      {hasMarks && (
        <span ref={mirror} className="var-mirror" aria-hidden="true">
          <span className="var-mirror-text">
            {pieces.map((piece, index) => {
              const mark = marks[index];
              return mark ? (
                <span key={index} {...mark}>
                  {piece.text}
                </span>
              ) : (
                <span key={index}>{piece.text}</span>
              );
            })}
          </span>
        </span>
      )}
      <input
        ref={input}
        {...inputProps}
        value={value}
        title={hasMarks ? titles.join('\n') : undefined}
        onScroll={followScroll}
        onSelect={followScroll}
      />
    </span>
  );
}
