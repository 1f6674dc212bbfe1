import { Button, type ButtonProps } from 'design-react-kit';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

type ButtonLinkProps = Pick<ButtonProps, 'color' | 'outline' | 'size' | 'className'> & {
  to: string;
  children: ReactNode;
};

/**
 * A design-react-kit Button that is a React Router link (`tag={Link}`): it navigates inside the app instead of
 * reloading the page, and stays a link for assistive technology.
 */
export function ButtonLink({ to, children, color = 'primary', ...rest }: ButtonLinkProps) {
  // `to` is Link's prop: the kit's Button passes it through to its tag.
  const link = { tag: Link, to };
  return (
    <Button color={color} {...rest} {...link}>
      {children}
    </Button>
  );
}
