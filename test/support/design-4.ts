/** DESIGN §4, copied literally (plus the estadisticas row the SLA issue adds, the notificaciones and webhooks rows of issue 15 and the auditoria and privacidad rows of issue 17) (✓ = all, "own area", ✗ = none); the code's matrix must equal it. */
const TABLE = `
crear        | ✓   | ✓   | ✓        | ✓
consultar    | ✓   | ✓   | ✓        | ✓
dashboard    | all | all | own area | ✗
ver          | ✓   | ✓   | own area | ✗
asignar      | ✓   | ✓   | ✗        | ✗
transferir   | ✓   | ✓   | ✗        | ✗
reclasificar | ✓   | ✓   | ✗        | ✗
reabrir      | ✓   | ✓   | ✗        | ✗
actualizar   | ✓   | ✓   | own area | ✗
pausar       | ✓   | ✓   | own area | ✗
cancelar     | ✓   | ✓   | own area | ✗
archivar     | ✓   | ✓   | own area | ✗
usuarios     | ✓   | ✗   | ✗        | ✗
estadisticas | ✓   | ✓   | own area | ✗
notificaciones | ✓ | ✗   | ✗        | ✗
auditoria    | ✓   | ✗   | ✗        | ✗
privacidad   | ✓   | ✗   | ✗        | ✗
webhooks     | ✓   | ✗   | ✗        | ✗
`
const cell = (text: string) =>
  text === '✓' || text === 'all' ? 'all' : text === 'own area' ? 'own_area' : 'none'
export const DESIGN_4 = Object.fromEntries(
  TABLE.trim()
    .split('\n')
    .map((line) => line.split('|').map((part) => part.trim()))
    .map(([operation, admin, mesa, area, usuario]) => [
      operation,
      {
        ADMIN: cell(admin!),
        MESA: cell(mesa!),
        AREA: cell(area!),
        USUARIO: cell(usuario!),
        ANONIMO: cell(usuario!),
      },
    ]),
)
