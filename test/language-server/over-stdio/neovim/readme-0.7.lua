-- Driven by neovim.test.ts: the README's Neovim 0.7/0.8 configuration, as a user puts it in init.lua
-- (COPIS_CONFIG: the snippet, its `cmd` pointed at the bundle), then a .copis file opened the usual way.
local config, file, result = os.getenv('COPIS_CONFIG'), os.getenv('COPIS_FILE'), os.getenv('COPIS_RESULT')
dofile(config)
vim.cmd('edit ' .. file)
local bufnr = vim.api.nvim_get_current_buf()
local out = { 'filetype: ' .. vim.bo.filetype }
vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
local codes = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(codes, tostring(d.code) .. ' ' .. d.message) end
table.sort(codes)
table.insert(out, 'diagnostics: ' .. table.concat(codes, ','))
local clients = vim.lsp.buf_get_clients(bufnr)
for _, c in pairs(clients) do table.insert(out, 'client: ' .. c.name .. ' at ' .. c.config.root_dir) end
for _, c in pairs(clients) do c.stop() end
local f = io.open(result, 'w'); f:write(table.concat(out, '\n') .. '\n'); f:close()
vim.cmd('qa!')
