export { Button, type ButtonProps, type ButtonVariant } from './Button';
export { TextInput, Checkbox, type TextInputProps, type CheckboxProps } from './Field';
export { Alert, ErrorAlert, type AlertTone } from './Alert';
export { Card } from './Card';
export { EmptyState } from './EmptyState';
export { Dialog } from './Dialog';
export { Nav, type NavItem } from './Nav';
export { Money } from './Money';
