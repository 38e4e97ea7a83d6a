export { formatDate, formatDateTime } from './date';
export { formatMoney } from './money';
