-- Driven by neovim.test.ts: Neovim's own LSP client (0.7) on the copis server. Types in shared.copis
-- without saving, closes it, and writes what the journey's diagnostics and the code lenses were.
local server, node, dir, result = os.getenv('COPIS_SERVER'), os.getenv('COPIS_NODE'), os.getenv('COPIS_WS'), os.getenv('COPIS_RESULT')
local out = {}
local function log(s) table.insert(out, s) end
vim.notify = function(msg) log('notify: ' .. tostring(msg)) end
local client_id = vim.lsp.start_client({
  name = 'copis', cmd = { node, server, '--stdio' }, root_dir = dir,
  workspace_folders = { { uri = vim.uri_from_fname(dir), name = 'ws' } },
  handlers = { ['window/showMessage'] = function(_, params) log('message: ' .. params.message) end },
})
local function unresolved(bufnr)
  local n = 0
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do if d.code == 'unresolved-reference' then n = n + 1 end end
  return n
end
local function open(name)
  vim.cmd('edit ' .. dir .. '/' .. name)
  vim.bo.filetype = 'copis'
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  return bufnr
end
local journey = open('journey.copis')
local shared = open('shared.copis')
vim.wait(10000, function() local c = vim.lsp.get_client_by_id(client_id); return c ~= nil and c.initialized end, 20)
vim.wait(10000, function() return #vim.diagnostic.get(journey) > 0 end, 20)
log('start: ' .. unresolved(journey))
vim.api.nvim_buf_set_lines(shared, 0, 1, false, { 'customer GiftBuyerQ "Gift buyer" { value medium }' })
vim.wait(10000, function() return unresolved(journey) > 0 end, 20)
log('unsaved edit: ' .. unresolved(journey))
vim.cmd('bwipeout! ' .. shared)
vim.wait(10000, function() return unresolved(journey) == 0 end, 20)
log('closed: ' .. unresolved(journey))
-- The journey's lens: run it as Neovim does.
vim.api.nvim_set_current_buf(journey)
vim.lsp.codelens.refresh()
vim.wait(5000, function() return #vim.lsp.codelens.get(journey) > 0 end, 20)
vim.api.nvim_win_set_cursor(0, { 4, 2 })
vim.lsp.codelens.run()
vim.wait(5000, function() return #out > 3 end, 20)
vim.lsp.stop_client(client_id)
local f = io.open(result, 'w'); f:write(table.concat(out, '\n') .. '\n'); f:close()
vim.cmd('qa!')
