import cytoscape from 'cytoscape';
import { useEffect, useRef, type ReactNode } from 'react';

export type GraphNode = { id: string; label: string; kind: 'entity' | 'report'; current?: boolean };
export type GraphEdge = { id: string; source: string; target: string; label: string };

/**
 * An interactive graph (drag, zoom, select; tapping a node calls `onOpen`) of entities and the
 * reports that mention them. The canvas is a picture to assistive technology: the same edges are
 * given as a table (`children` renders its rows' cells), and focusing a row highlights its edge.
 */
export function LinkGraph<E extends GraphEdge>({ nodes, edges, label, tableCaption, columns, row, onOpen }: {
  nodes: GraphNode[];
  edges: E[];
  /** Spoken description of the picture (counts, and that a table follows). */
  label: string;
  tableCaption: string;
  columns: string[];
  row: (edge: E) => ReactNode;
  onOpen?: (node: GraphNode) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const graph = useRef<cytoscape.Core | null>(null);
  const open = useRef(onOpen);
  open.current = onOpen;

  useEffect(() => {
    if (!container.current) return;
    const byId = new Map(nodes.map((node) => [node.id, node]));
    const instance = cytoscape({
      container: container.current,
      elements: [
        ...nodes.map((node) => ({ data: { id: node.id, label: node.label }, classes: `${node.kind}${node.current ? ' current' : ''}` })),
        ...edges.filter((edge) => byId.has(edge.source) && byId.has(edge.target)).map((edge) => ({ data: { id: edge.id, source: edge.source, target: edge.target, label: edge.label } })),
      ],
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 9, width: 20, height: 20, 'text-wrap': 'ellipsis', 'text-max-width': '130px', 'text-valign': 'bottom', 'text-margin-y': 3 } },
        { selector: 'node.entity', style: { 'background-color': '#2f6f9f', shape: 'ellipse' } },
        { selector: 'node.report', style: { 'background-color': '#8a94a6', shape: 'round-rectangle', width: 16, height: 16 } },
        { selector: 'node.current', style: { 'background-color': '#b3261e', width: 28, height: 28, 'font-weight': 'bold' } },
        { selector: 'edge', style: { width: 1.5, 'curve-style': 'bezier', 'line-color': '#a7b0bf', label: 'data(label)', 'font-size': 8, 'text-opacity': 0, 'text-background-color': '#ffffff', 'text-background-opacity': 0.9 } },
        { selector: 'edge:selected', style: { 'text-opacity': 1, 'line-color': '#0b5cad', width: 3 } },
        { selector: '.highlighted', style: { 'line-color': '#e8a400', width: 4, 'text-opacity': 1 } },
      ],
      layout: { name: nodes.length > 80 ? 'grid' : 'cose', animate: false },
      wheelSensitivity: 0.3,
    });
    instance.on('tap', 'node', (event) => {
      const node = byId.get(String(event.target.id()));
      if (node) open.current?.(node);
    });
    graph.current = instance;
    return () => {
      instance.destroy();
      graph.current = null;
    };
  }, [nodes, edges]);

  const highlight = (id: string | null) => {
    graph.current?.elements().removeClass('highlighted');
    if (id) graph.current?.getElementById(id).addClass('highlighted');
  };

  return (
    <div className="network">
      <div ref={container} className="network-canvas" role="img" aria-label={label} />
      <details>
        <summary>{tableCaption}</summary>
        <table>
          <caption className="sr-only">{tableCaption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th scope="col" key={column}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {edges.map((edge) => (
              <tr key={edge.id} tabIndex={0} onFocus={() => highlight(edge.id)} onBlur={() => highlight(null)} onMouseEnter={() => highlight(edge.id)} onMouseLeave={() => highlight(null)}>
                {row(edge)}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
