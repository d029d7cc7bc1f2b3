import cytoscape from 'cytoscape';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../format.ts';

export type NetworkTransaction = {
  id: string;
  time: string;
  amountMinor: number;
  currency: string;
  channel: string;
  originator: { accountId?: string; partyId?: string; name?: string; country: string };
  beneficiary: { accountId?: string; partyId?: string; name?: string; country: string };
};

function nodeKey(end: NetworkTransaction['originator']): string {
  return end.accountId ?? end.partyId ?? end.name ?? `unknown-${end.country}`;
}

/**
 * The transaction network of a case: accounts as nodes, transfers as arrows. The graph is
 * interactive (drag, zoom, select); the same data is listed in a table for keyboard and
 * screen-reader users, and selecting a row highlights its arrow.
 */
export function NetworkGraph({ transactions, subjectKey }: { transactions: NetworkTransaction[]; subjectKey?: string }) {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const graph = useRef<cytoscape.Core | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const nodes = new Map<string, { id: string; label: string; country: string }>();
    for (const tx of transactions) {
      for (const end of [tx.originator, tx.beneficiary]) {
        const id = nodeKey(end);
        if (!nodes.has(id)) nodes.set(id, { id, label: `${end.name ?? id} (${end.country})`, country: end.country });
      }
    }
    const instance = cytoscape({
      container: container.current,
      elements: [
        ...[...nodes.values()].map((n) => ({ data: n, classes: n.id === subjectKey ? 'subject' : n.country === 'MX' ? 'mx' : 'us' })),
        ...transactions.map((tx) => ({
          data: { id: `tx-${tx.id}`, source: nodeKey(tx.originator), target: nodeKey(tx.beneficiary), label: formatMoney(tx.amountMinor, tx.currency, i18n.language) },
        })),
      ],
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 9, 'background-color': '#2f6f9f', width: 18, height: 18, 'text-wrap': 'ellipsis', 'text-max-width': '120px' } },
        { selector: 'node.mx', style: { 'background-color': '#1b7f4c' } },
        { selector: 'node.subject', style: { 'background-color': '#b3261e', width: 26, height: 26 } },
        // Amounts show on the arrow that is selected or highlighted from the table: all at once overlap.
        { selector: 'edge', style: { width: 1.5, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'line-color': '#8a94a6', 'target-arrow-color': '#8a94a6', label: 'data(label)', 'font-size': 9, 'text-opacity': 0, 'text-background-color': '#ffffff', 'text-background-opacity': 0.9 } },
        { selector: 'edge:selected', style: { 'text-opacity': 1, 'line-color': '#0b5cad', 'target-arrow-color': '#0b5cad', width: 3 } },
        { selector: '.highlighted', style: { 'line-color': '#e8a400', 'target-arrow-color': '#e8a400', width: 4, 'text-opacity': 1 } },
      ],
      layout: { name: transactions.length > 60 ? 'grid' : 'cose', animate: false },
      wheelSensitivity: 0.3,
    });
    graph.current = instance;
    return () => {
      instance.destroy();
      graph.current = null;
    };
  }, [transactions, subjectKey, i18n.language]);

  const highlight = (id: string | null) => {
    graph.current?.elements().removeClass('highlighted');
    if (id) graph.current?.getElementById(`tx-${id}`).addClass('highlighted');
  };

  return (
    <div className="network">
      <div ref={container} className="network-canvas" role="img" aria-label={t('cases.networkLabel', { nodes: new Set(transactions.flatMap((tx) => [nodeKey(tx.originator), nodeKey(tx.beneficiary)])).size, edges: transactions.length })} />
      <details>
        <summary>{t('cases.networkTable')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('fields.time')}</th>
              <th scope="col">{t('fields.from')}</th>
              <th scope="col">{t('fields.to')}</th>
              <th scope="col">{t('fields.amount')}</th>
              <th scope="col">{t('fields.channel')}</th>
            </tr>
          </thead>
          <tbody>
            {transactions.map((tx) => (
              <tr key={tx.id} tabIndex={0} onFocus={() => highlight(tx.id)} onBlur={() => highlight(null)} onMouseEnter={() => highlight(tx.id)} onMouseLeave={() => highlight(null)}>
                <td>{new Date(tx.time).toLocaleString(i18n.language)}</td>
                <td>{nodeKey(tx.originator)} ({tx.originator.country})</td>
                <td>{nodeKey(tx.beneficiary)} ({tx.beneficiary.country})</td>
                <td className="number">{formatMoney(tx.amountMinor, tx.currency, i18n.language)}</td>
                <td>{tx.channel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
